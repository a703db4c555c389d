package iislog

// GeneralOnly makes r read every line the general way, without the fused
// path, so that tests can compare the two.
func GeneralOnly(r *Reader) { r.general = true }
