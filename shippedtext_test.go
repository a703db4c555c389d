package iisstatus_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// selfReference matches text in which the project speaks of how it was
// made instead of citing a public source: its private working documents
// (the "seed document", the "fact dossier"), its issue tracker ("issue
// 3"), or paths of the machine it was written on.
var selfReference = regexp.MustCompile(`(?i)\bdossier\b|\bseed (?:document|text|file)\b|\(seed\b|\bthe seed\b|\bseed's\b|\bproject seed\b|(\w+[ /])?\bissues?[ -]#?\d+|\.\./shared\b|/work/`)

// TestShippedTextSpeaksOfItselfOnly scans what the module ships to its
// users (the English data tables, the Go source and docs of every package
// outside internal/, the runtime internal packages and the README) for
// self-references. References to public trackers ("Go issue 75804",
// "golang/go#27641") are fine. Tests may refer to ../shared: they are
// optional conformance checks, not shipped text.
func TestShippedTextSpeaksOfItselfOnly(t *testing.T) {
	files := []string{"README.md", "internal/data/status.tsv", "internal/data/substatus.tsv",
		"internal/data/httpsys_reasons.tsv", "internal/data/win32.tsv"}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch path {
			case "internal/data", "internal/gen", "internal/fixture", "internal/tool", "internal/l10n", ".git", "testdata":
				// Data is listed above (messages_*.tsv and the l10n
				// tables are not English: "dossier" is French for
				// folder); generators, fixtures and tool support are
				// not shipped text.
				return filepath.SkipDir
			}
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, len(files), 20)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			for _, m := range selfReference.FindAllStringSubmatch(line, -1) {
				if strings.EqualFold(strings.TrimSpace(m[1]), "go") {
					continue // a Go issue: public
				}
				assert.Fail(t, "shipped text speaks of the project's making", "%s:%d: %q in %q", name, i+1, m[0], clip(line))
			}
		}
	}
}

func clip(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}
