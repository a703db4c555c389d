package ecsjsontest_test

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iisstatus/iisstatus/internal/tool/ecsjson/ecsjsontest"
)

func TestObjects(t *testing.T) {
	m := map[string]any{}
	ecsjsontest.Set(m, "source.ip", "192.0.2.1")
	ecsjsontest.Set(m, "source.port", 80)
	ecsjsontest.Set(m, "tags", []string{"a"})
	m = ecsjsontest.Normalize(t, m)
	assert.Equal(t, map[string]any{"source": map[string]any{"ip": "192.0.2.1", "port": 80.0}, "tags": []any{"a"}}, m)
	v, ok := ecsjsontest.Get(m, "source.port")
	assert.True(t, ok)
	assert.Equal(t, 80.0, v)
	_, ok = ecsjsontest.Get(m, "source.ip.x")
	assert.False(t, ok)
	_, ok = ecsjsontest.Get(m, "destination")
	assert.False(t, ok)

	objs := ecsjsontest.Objects(t, "{\"a\":1}\n{\"b\":{\"c\":\"d\"}}\n")
	assert.Len(t, objs, 2)
	v, _ = ecsjsontest.Get(objs[1], "b.c")
	assert.Equal(t, "d", v)

	assert.Equal(t, []byte("/a\xc1b\\"), ecsjsontest.Unescape(`/a\xC1b\x5C`))
}

func TestRun(t *testing.T) {
	echo := func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
		b, _ := io.ReadAll(stdin)
		io.WriteString(stdout, strings.Join(args, ",")+":"+string(b))
		io.WriteString(stderr, "warned")
		return 3
	}
	code, out, errOut := ecsjsontest.Run(t, echo, nil, "-x", "y")
	assert.Equal(t, 3, code)
	assert.Equal(t, "-x,y:", out)
	assert.Equal(t, "warned", errOut)
	_, out, _ = ecsjsontest.Run(t, echo, strings.NewReader("in"))
	assert.Equal(t, ":in", out)
}
