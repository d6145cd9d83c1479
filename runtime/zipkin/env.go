package zipkin

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// The environment variables of SPEC §6.
const (
	envEndpoint    = "ZIPKIN_ENDPOINT"
	envServiceName = "ZIPKIN_SERVICE_NAME"
	envSampleRate  = "ZIPKIN_SAMPLE_RATE"
	envEncoding    = "ZIPKIN_ENCODING"
	envPropagation = "ZIPKIN_PROPAGATION"
	envCompression = "ZIPKIN_COMPRESSION"
)

// OptionsFromEnv reads the ZIPKIN_* variables through getenv (os.Getenv in
// production, a map in tests):
//
//	ZIPKIN_ENDPOINT      collector URL, "stderr" or "stdout"; unset: disabled
//	ZIPKIN_SERVICE_NAME  local service name; unset: the executable's name
//	ZIPKIN_SAMPLE_RATE   0..1, or N/s (at most N new traces a second); unset: 1
//	ZIPKIN_ENCODING      json, proto3 or otlp; unset: json (otlp for an
//	                     endpoint ending in /v1/traces)
//	ZIPKIN_PROPAGATION   comma list of b3, b3single, w3c, uber; unset: b3
//	ZIPKIN_COMPRESSION   auto, gzip or none; unset: auto (gzip unless the
//	                     collector is on this machine)
//	ZIPKIN_REDACT_TAGS   comma list of glob patterns over tag keys whose
//	                     values are redacted (Options.RedactTags)
//	ZIPKIN_BAGGAGE       comma list of baggage fields that travel with the
//	                     trace (Options.Baggage)
//
// Every bad value is reported, each error naming its variable.
func OptionsFromEnv(getenv func(string) string) (Options, error) {
	var o Options
	var errs []error
	bad := func(name, value string, err error) {
		errs = append(errs, fmt.Errorf("zipkin: %s=%q: %w", name, value, err))
	}
	if v := strings.TrimSpace(getenv(envEndpoint)); v != "" {
		ep, err := normalizeEndpoint(v)
		if err != nil {
			bad(envEndpoint, redactURL(v), err) // never the password or the API key
		}
		o.Endpoint = ep
	}
	o.ServiceName = strings.TrimSpace(getenv(envServiceName))
	if v := strings.TrimSpace(getenv(envSampleRate)); v != "" && !isRateLimit(v) {
		rate, err := parseSampleRate(v)
		if err != nil {
			bad(envSampleRate, v, err)
		}
		o.SampleRate = &rate
	}
	if v := strings.TrimSpace(getenv(envEncoding)); v != "" {
		enc, err := parseEncoding(v)
		if err != nil {
			bad(envEncoding, v, err)
		}
		o.Encoding = enc
	}
	if v := strings.TrimSpace(getenv(envCompression)); v != "" {
		c, err := parseCompression(v)
		if err != nil {
			bad(envCompression, v, err)
		}
		o.Compression = c
	}
	if v := getenv(envPropagation); strings.TrimSpace(v) != "" {
		formats, err := ParseFormats(v)
		if err != nil {
			bad(envPropagation, v, err)
		}
		for _, f := range formats {
			o.Propagation = append(o.Propagation, f.String())
		}
	}
	pipelineFromEnv(getenv, &o, bad)
	if err := errors.Join(errs...); err != nil {
		return Options{}, err
	}
	o.Endpoint, o.Encoding = otlpEndpoint(strings.TrimSpace(getenv(envEndpoint)), o.Endpoint, o.Encoding)
	return o, nil
}

// normalizeEndpoint accepts "stderr", "stdout" or an http(s) URL with a
// host; a URL without a path gets Zipkin's /api/v2/spans.
func normalizeEndpoint(v string) (string, error) {
	switch lower := strings.ToLower(v); lower {
	case "stderr", "stdout":
		return lower, nil
	}
	u, err := url.Parse(v)
	if err != nil {
		return "", errors.New("not a URL, stderr or stdout")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", errors.New("want an http(s) URL, stderr or stdout")
	}
	if u.Host == "" {
		return "", errors.New("URL has no host")
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/api/v2/spans"
	}
	return u.String(), nil
}

func parseSampleRate(v string) (float64, error) {
	rate, err := strconv.ParseFloat(v, 64)
	if err != nil || !(rate >= 0 && rate <= 1) {
		return 0, errors.New("want a number from 0 to 1")
	}
	return rate, nil
}

func parseEncoding(v string) (Encoding, error) {
	switch strings.ToLower(v) {
	case "json":
		return JSON, nil
	case "proto3", "proto", "protobuf":
		return Proto3, nil
	case "otlp":
		return OTLP, nil
	}
	return JSON, errors.New("want json, proto3 or otlp")
}

func parseCompression(v string) (Compression, error) {
	switch strings.ToLower(v) {
	case "auto":
		return CompressAuto, nil
	case "gzip":
		return CompressGzip, nil
	case "none", "identity":
		return CompressNone, nil
	}
	return CompressAuto, errors.New("want auto, gzip or none")
}
