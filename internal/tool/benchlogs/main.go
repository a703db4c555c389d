// Benchlogs writes a generated IIS access log (package accessgen), split
// into rotated files, for measuring iisreport against other tools on the
// same input (see internal/bench/iisreport.sh):
//
//	go run ./internal/tool/benchlogs -dir /tmp/logs/W3SVC1 -bytes 1073741824 -files 8
//
// writes u_ex260307.log.7 (the oldest) to u_ex260307.log (the newest),
// each about bytes/files long, a day after the one before, and prints the
// number of lines written.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/iisstatus/iisstatus/internal/fixture/accessgen"
)

func main() {
	dir := flag.String("dir", "", "folder to write the files to (created)")
	size := flag.Int64("bytes", 1<<30, "total size")
	files := flag.Int("files", 8, "number of rotated files")
	layouts := flag.String("layouts", "all", `"all": accessgen's default cycle of layouts; "default": the IIS 8-10 default only`)
	flag.Parse()
	if *dir == "" || *files < 1 || *size < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fail(err)
	}
	opts := accessgen.Options{Bytes: *size / int64(*files)}
	if *layouts == "default" {
		opts.Layouts = []string{accessgen.Fields15}
	}
	var lines int64
	for i := *files - 1; i >= 0; i-- {
		name := "u_ex260307.log"
		if i > 0 {
			name += "." + strconv.Itoa(i)
		}
		opts.Seed = uint64(accessgen.DefaultSeed + i)
		opts.Start = accessgen.DefaultStart.Add(time.Duration(*files-1-i) * 24 * time.Hour)
		f, err := os.Create(filepath.Join(*dir, name))
		if err != nil {
			fail(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		st, err := accessgen.Write(w, opts)
		if err == nil {
			err = w.Flush()
		}
		if err == nil {
			err = f.Close()
		}
		if err != nil {
			fail(err)
		}
		lines += int64(st.Records) + int64(st.Directives)
	}
	fmt.Println(lines)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchlogs:", err)
	os.Exit(1)
}
