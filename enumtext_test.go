package iisstatus_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/httpsys"
	"github.com/iisstatus/iisstatus/status"
	"github.com/iisstatus/iisstatus/substatus"
	"github.com/iisstatus/iisstatus/win32"
)

// enumType is one exported enum-like type (a named integer type) and its
// text rule. Every such type of the module's public packages must be
// listed in enumTypes: TestEnumTypesListed finds them in the source.
type enumType struct {
	typ reflect.Type
	// zero is the documented text of the zero value: "" for code-like
	// types whose zero means "no code", a key such as "unknown" for
	// classifications.
	zero string
	// zeroConst reports whether the zero value is a named constant.
	zeroConst bool
	// open types accept values beyond their named constants (unknown
	// status codes and Windows codes marshal as digits); closed types
	// marshal exactly their constants and the zero value.
	open bool
	// sweep lists the values to try; nil means every value of a uint8.
	sweep []uint64
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// enumTypes lists every exported enum of the public packages. errlog's
// FieldSet is not an enum but a bit set, and is left out on purpose (see
// notEnums).
var enumTypes = []enumType{
	{typ: typeOf[iisstatus.Kind](), zero: "unknown", zeroConst: true},
	{typ: typeOf[iisstatus.PageKind](), zero: "unknown", zeroConst: true},
	{typ: typeOf[status.Code](), zero: "", open: true, sweep: upTo(1100)},
	{typ: typeOf[status.Class](), zero: "unknown", zeroConst: true},
	{typ: typeOf[status.Registry](), zero: "unknown", zeroConst: true},
	{typ: typeOf[status.Retry](), zero: "unknown", zeroConst: true},
	{typ: typeOf[substatus.Version](), zero: ""},
	{typ: typeOf[substatus.Module](), zero: "core", zeroConst: true},
	{typ: typeOf[substatus.Confidence](), zero: "unknown"},
	{typ: typeOf[httpsys.Reason](), zero: "", zeroConst: true},
	{typ: typeOf[httpsys.Category](), zero: "unknown", zeroConst: true},
	{typ: typeOf[httpsys.Severity](), zero: "unknown", zeroConst: true},
	{typ: typeOf[httpsys.Confidence](), zero: "unknown", zeroConst: true},
	{typ: typeOf[win32.Code](), zero: "0", zeroConst: true, open: true, sweep: win32Sweep()},
}

// notEnums are named integer types that are not enums.
var notEnums = map[string]string{
	"errlog.FieldSet": "a bit set of columns, not a value with a name",
}

func upTo(n uint64) []uint64 {
	s := make([]uint64, n)
	for i := range s {
		s[i] = uint64(i)
	}
	return s
}

func win32Sweep() []uint64 {
	s := upTo(2000)
	for c := range win32.All() {
		s = append(s, uint64(c))
	}
	s = append(s, 0x80070005, 0xC0000005, 0xFFFFFFFF)
	slices.Sort(s)
	return slices.Compact(s)
}

func (e enumType) name() string {
	pkg := e.typ.PkgPath()
	return pkg[strings.LastIndex(pkg, "/")+1:] + "." + e.typ.Name()
}

// value returns the enum value n as an addressable reflect.Value.
func (e enumType) value(n uint64) reflect.Value {
	v := reflect.New(e.typ).Elem()
	switch e.typ.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(n))
	default:
		v.SetUint(n)
	}
	return v
}

// TestEnumText checks the text rule on every value of every enum: a value
// that marshals round-trips through UnmarshalText and JSON, AppendText
// agrees with MarshalText, no two values share a text, the zero value
// marshals to its documented text, and a closed enum marshals exactly its
// named constants (and the zero value).
func TestEnumText(t *testing.T) {
	consts := exportedConstants(t)
	for _, e := range enumTypes {
		t.Run(e.name(), func(t *testing.T) {
			zero := reflect.New(e.typ).Elem()
			require.Implements(t, (*encoding.TextMarshaler)(nil), zero.Interface())
			require.Implements(t, (*encoding.TextAppender)(nil), zero.Interface())
			require.Implements(t, (*encoding.TextUnmarshaler)(nil), zero.Addr().Interface())

			text, err := zero.Interface().(encoding.TextMarshaler).MarshalText()
			require.NoError(t, err, "the zero value must marshal")
			assert.Equal(t, e.zero, string(text), "text of the zero value")

			sweep := e.sweep
			if sweep == nil {
				require.Equal(t, reflect.Uint8, e.typ.Kind(), "give a sweep for a type wider than uint8")
				sweep = upTo(256)
			}
			seen := map[string]uint64{}
			valid := 0
			for _, n := range sweep {
				v := e.value(n)
				text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
				if err != nil {
					continue
				}
				valid++
				if prev, dup := seen[string(text)]; dup {
					t.Fatalf("%d and %d both marshal to %q", prev, n, text)
				}
				seen[string(text)] = n
				appended, err := v.Interface().(encoding.TextAppender).AppendText([]byte("x"))
				require.NoError(t, err)
				assert.Equal(t, "x"+string(text), string(appended), "AppendText of %d", n)

				back := reflect.New(e.typ)
				back.Elem().Set(e.value(n ^ 1)) // not the zero value
				require.NoError(t, back.Interface().(encoding.TextUnmarshaler).UnmarshalText(text), "UnmarshalText(%q)", text)
				require.Equal(t, v.Interface(), back.Elem().Interface(), "round trip of %d via %q", n, text)

				assertJSON(t, e.typ, v, text)
			}
			if !e.open {
				want := consts[e.name()]
				if !e.zeroConst {
					want++ // the zero value marshals too
				}
				assert.Equal(t, want, valid, "values that marshal: the %d exported constants and the zero value", consts[e.name()])
			}
			bad := reflect.New(e.typ)
			assert.Error(t, bad.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte("no such value \x00")))
		})
	}
}

// assertJSON checks that a struct holding v and a map keyed by it
// marshal with the text form, and decode back.
func assertJSON(t *testing.T, typ reflect.Type, v reflect.Value, text []byte) {
	t.Helper()
	st := reflect.StructOf([]reflect.StructField{{Name: "V", Type: typ, Tag: `json:"v"`}})
	holder := reflect.New(st).Elem()
	holder.Field(0).Set(v)
	b, err := json.Marshal(holder.Interface())
	require.NoError(t, err, "json.Marshal of a struct holding %v", v)
	quoted, _ := json.Marshal(string(text))
	assert.Equal(t, `{"v":`+string(quoted)+`}`, string(b))
	back := reflect.New(st)
	require.NoError(t, json.Unmarshal(b, back.Interface()))
	assert.Equal(t, v.Interface(), back.Elem().Field(0).Interface())
}

// packageDirs are the public packages whose exported types the rule
// covers.
var packageDirs = []string{".", "status", "substatus", "httpsys", "win32", "errlog", "errorpage"}

// TestEnumTypesListed scans the source of the public packages for
// exported named integer types and fails when one is missing from
// enumTypes (or notEnums), so that a new enum cannot skip the rule.
func TestEnumTypesListed(t *testing.T) {
	listed := map[string]bool{}
	for _, e := range enumTypes {
		listed[e.name()] = true
	}
	var found []string
	forEachDecl(t, token.TYPE, func(pkg string, gd *ast.GenDecl) {
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			if id, ok := ts.Type.(*ast.Ident); ok && ts.Name.IsExported() && ts.Assign == 0 && integerTypes[id.Name] {
				found = append(found, pkg+"."+ts.Name.Name)
			}
		}
	})
	require.NotEmpty(t, found)
	for _, name := range found {
		if _, ok := notEnums[name]; ok {
			continue
		}
		assert.True(t, listed[name], "%s is an exported enum-like type: add it to enumTypes and give it text marshalling", name)
	}
	for name := range listed {
		assert.Contains(t, found, name, "enumTypes lists %s, which the scan did not find", name)
	}
}

var integerTypes = map[string]bool{
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true, "byte": true,
}

// forEachDecl calls f with every top-level declaration of kind tok in the
// non-test files of the public packages, and the package's name.
func forEachDecl(t *testing.T, tok token.Token, f func(pkg string, gd *ast.GenDecl)) {
	t.Helper()
	for _, dir := range packageDirs {
		for _, file := range parseDir(t, dir) {
			for _, d := range file.Decls {
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == tok {
					f(file.Name.Name, gd)
				}
			}
		}
	}
}

// parseDir parses the non-test Go files of a package directory.
func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	fset := token.NewFileSet()
	var files []*ast.File
	for _, de := range entries {
		name := de.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		if bytes.Contains(src, []byte("//go:build ignore")) {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		require.NoError(t, err)
		files = append(files, f)
	}
	return files
}

// exportedConstants counts the exported constants of each named type in
// the public packages ("status.Class" → 6). A constant counts when its
// type is written in its spec or inherited from the spec before it in an
// iota block; a constant with a value but no type ("Latest = IIS10") is
// an alias and does not count.
func exportedConstants(t *testing.T) map[string]int {
	t.Helper()
	n := map[string]int{}
	forEachDecl(t, token.CONST, func(pkg string, gd *ast.GenDecl) {
		cur := ""
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			switch {
			case vs.Type != nil:
				cur = ""
				if id, ok := vs.Type.(*ast.Ident); ok {
					cur = id.Name
				}
			case len(vs.Values) > 0:
				cur = ""
			}
			if cur == "" {
				continue
			}
			for _, id := range vs.Names {
				if id.IsExported() {
					n[pkg+"."+cur]++
				}
			}
		}
	})
	return n
}
