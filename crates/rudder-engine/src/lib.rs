//! Helm's rendering of charts over the Go template engine (in progress).
