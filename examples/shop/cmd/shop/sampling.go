package main

import (
	"fmt"
	"os"

	"github.com/zipkingen/zipkingen/runtime/zipkin"
)

// setDriverSampleRate replaces the driver's default tracer with one built
// from the environment but sampling at rate. The services keep their own
// configuration, so this shows them honouring the decision that arrives in
// the headers: at rate 0 no process records anything.
func setDriverSampleRate(rate float64) error {
	opts, err := zipkin.OptionsFromEnv(os.Getenv)
	if err != nil {
		return err
	}
	opts.SampleRate = &rate
	t, err := zipkin.New(opts)
	if err != nil {
		return fmt.Errorf("-driver-sample-rate: %w", err)
	}
	zipkin.SetDefault(t)
	return nil
}
