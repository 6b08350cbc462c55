// Package fzlint holds what must sit at the module root: the default rule set, embedded so
// that fzlint works with no configuration file at all.
package fzlint

import _ "embed"

// DefaultRules is the text of rules.toml.
//
//go:embed rules.toml
var DefaultRules []byte

// DefaultRulesName is how errors and `fzlint rules` name the embedded file.
const DefaultRulesName = "rules.toml (built in)"
