package main

import (
	"context"
	"time"
)

// outageResult is the memory of one variant under load while its
// collector refuses connections.
type outageResult struct {
	variant
	reqPerSec float64
	rss       []int64 // VmRSS sampled every outageStep
	peakRSS   int64
}

const outageStep = 5 * time.Second

// outageVariants are the traced variants at 100%: the ones with the most
// spans to hold when the collector is away.
func outageVariants() []variant {
	var out []variant
	for _, v := range variants {
		if v.name == "untraced" || v.args[len(v.args)-1] == "1" {
			out = append(out, v)
		}
	}
	return out
}

// measureOutage loads a service whose collector is down for o.outage and
// samples its resident memory.
func measureOutage(bin string, v variant, o options) (outageResult, error) {
	url, err := closedPort()
	if err != nil {
		return outageResult{}, err
	}
	svc, err := startService(bin, v.args, url)
	if err != nil {
		return outageResult{}, err
	}
	defer svc.stop()
	r := outageResult{variant: v}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(outageStep)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				r.rss = append(r.rss, svc.status("VmRSS"))
			}
		}
	}()
	res, err := runWrk(svc.url, o.outage, o)
	cancel()
	<-sampled
	if err != nil {
		return outageResult{}, err
	}
	r.reqPerSec = res.ReqPerSec
	r.peakRSS = svc.status("VmHWM")
	return r, nil
}
