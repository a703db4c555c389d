package iisstatus_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExamplesAreCopyable checks that every program under examples/ imports
// only the standard library, the module's public packages and its declared
// dependencies, so that a user can copy it into a module of their own and
// build it: nothing under internal/ (which the go command refuses outside
// this module) and nothing under cmd/.
func TestExamplesAreCopyable(t *testing.T) {
	dirs, err := filepath.Glob("examples/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	const module = "github.com/iisstatus/iisstatus"
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		require.NotEmpty(t, files, "%s holds no Go file", dir)
		for _, file := range files {
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			f, err := parser.ParseFile(token.NewFileSet(), file, src, parser.ImportsOnly)
			require.NoError(t, err)
			for _, imp := range f.Imports {
				path, err := strconv.Unquote(imp.Path.Value)
				require.NoError(t, err)
				if !strings.HasPrefix(path, module) {
					continue
				}
				rest := strings.TrimPrefix(path, module)
				assert.False(t, strings.Contains(rest+"/", "/internal/") || strings.HasPrefix(rest, "/cmd/"),
					"%s imports %s, which a copy of the program outside this module cannot build with", file, path)
			}
		}
	}
}
