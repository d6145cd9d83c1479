package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// wrkResult is what the load test reads from wrk's --latency report.
type wrkResult struct {
	ReqPerSec float64
	P50, P99  time.Duration
	Requests  int64
	Errors    int64         // non-2xx/3xx responses plus socket errors
	CPU       time.Duration // wrk's own user+system time (set by runWrk)
}

// parseWrk reads the output of `wrk --latency`.
func parseWrk(r io.Reader) (wrkResult, error) {
	var res wrkResult
	var seen50, seen99, seenRate bool
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		var err error
		switch {
		case f[0] == "50%":
			res.P50, err = parseWrkDuration(f[1])
			seen50 = true
		case f[0] == "99%":
			res.P99, err = parseWrkDuration(f[1])
			seen99 = true
		case f[0] == "Requests/sec:":
			res.ReqPerSec, err = strconv.ParseFloat(f[1], 64)
			seenRate = true
		case len(f) >= 4 && f[1] == "requests" && f[2] == "in":
			res.Requests, err = strconv.ParseInt(f[0], 10, 64)
		case strings.HasPrefix(sc.Text(), "  Non-2xx or 3xx responses:"):
			var n int64
			n, err = strconv.ParseInt(f[len(f)-1], 10, 64)
			res.Errors += n
		case f[0] == "Socket" && f[1] == "errors:":
			res.Errors += socketErrors(f[2:])
		}
		if err != nil {
			return res, fmt.Errorf("wrk output %q: %v", sc.Text(), err)
		}
	}
	if !seen50 || !seen99 || !seenRate {
		return res, fmt.Errorf("wrk output lacks the latency distribution or Requests/sec (was --latency given?)")
	}
	return res, sc.Err()
}

// parseWrkDuration parses wrk's "812.00us", "1.20ms", "2.00s", "1.00m".
func parseWrkDuration(s string) (time.Duration, error) {
	for _, u := range []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}} {
		if v, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return 0, err
			}
			return time.Duration(f * float64(u.unit)), nil
		}
	}
	return 0, fmt.Errorf("unknown duration %q", s)
}

// socketErrors sums "connect 0, read 1, write 0, timeout 2".
func socketErrors(f []string) int64 {
	var n int64
	for i := 1; i < len(f); i += 2 {
		v, err := strconv.ParseInt(strings.TrimSuffix(f[i], ","), 10, 64)
		if err == nil {
			n += v
		}
	}
	return n
}
