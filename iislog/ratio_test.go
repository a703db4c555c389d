package iislog_test
import ("testing";"time";"fmt")
func TestRatio(t *testing.T){
 in,_:=compareInput()
 best:=map[string]time.Duration{}
 impls := map[string]func([]byte)(tally,error){"floor":floorRead,"iislog":iislogRead}
 for i:=0;i<25;i++{ for _,n:=range []string{"floor","iislog"}{ s:=time.Now(); impls[n](in); d:=time.Since(s); if best[n]==0||d<best[n]{best[n]=d} } }
 fmt.Printf("floor %.0f MB/s iislog %.0f MB/s ratio %.2f\n", float64(len(in))/best["floor"].Seconds()/1e6, float64(len(in))/best["iislog"].Seconds()/1e6, best["floor"].Seconds()/best["iislog"].Seconds())
}
