package zipkin

import "strings"

// The environment variables of the span pipeline (SPEC §6), read by
// OptionsFromEnv through pipelineFromEnv.
const (
	envRedactTags = "ZIPKIN_REDACT_TAGS"
	envBaggage    = "ZIPKIN_BAGGAGE"
)

// pipelineFromEnv reads the pipeline's variables into o, reporting each
// bad value through bad.
func pipelineFromEnv(getenv func(string) string, o *Options, bad func(name, value string, err error)) {
	if v := strings.TrimSpace(getenv(envSampleRate)); isRateLimit(v) {
		_, limit, err := parseSampleSetting(v)
		if err != nil {
			bad(envSampleRate, v, err)
		}
		o.Sampler = RateLimitedSampler(limit)
	}
	if v := getenv(envRedactTags); strings.TrimSpace(v) != "" {
		patterns, err := ParseRedactTags(v)
		if err != nil {
			bad(envRedactTags, v, err)
		}
		o.RedactTags = patterns
	}
	if v := getenv(envBaggage); strings.TrimSpace(v) != "" {
		names, err := ParseBaggageFields(v)
		if err != nil {
			bad(envBaggage, v, err)
		}
		o.Baggage = names
	}
}
