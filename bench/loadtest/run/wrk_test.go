package main

import (
	"strings"
	"testing"
	"time"
)

const wrkSample = `Running 15s test @ http://127.0.0.1:41000/items/42
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.23ms    2.00ms  50.00ms   90.00%
    Req/Sec    10.00k     1.00k   12.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    1.20ms
     90%    2.00ms
     99%   10.50ms
  300000 requests in 15.00s, 40.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 5
Requests/sec:  20000.50
Transfer/sec:      2.67MB
`

func TestParseWrk(t *testing.T) {
	got, err := parseWrk(strings.NewReader(wrkSample))
	if err != nil {
		t.Fatal(err)
	}
	want := wrkResult{ReqPerSec: 20000.5, P50: 812 * time.Microsecond, P99: 10500 * time.Microsecond, Requests: 300000, Errors: 10}
	if got != want {
		t.Errorf("parseWrk = %+v, want %+v", got, want)
	}
}

func TestParseWrkWithoutLatency(t *testing.T) {
	out := strings.Replace(wrkSample, "     50%  812.00us\n", "", 1)
	if _, err := parseWrk(strings.NewReader(out)); err == nil {
		t.Error("output without the 50th percentile parsed")
	}
}
