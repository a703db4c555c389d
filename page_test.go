package iisstatus_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iisstatus/iisstatus"
	"github.com/iisstatus/iisstatus/win32"
)

func TestExplainPageInline(t *testing.T) {
	in := "HTTP Error 500.19 - Internal Server Error\n" +
		"The requested page cannot be accessed because the related configuration data for the page is invalid.\n\n" +
		"Detailed Error Information:\n" +
		"Module\t   IIS Web Core\nNotification\t   BeginRequest\nHandler\t   Not yet determined\n" +
		"Error Code\t   0x8007000d\nConfig Error\t   \nConfig File\t   \\\\?\\C:\\sites\\demo\\web.config\n"
	e, err := iisstatus.Explain(in)
	require.NoError(t, err)
	assert.Equal(t, iisstatus.KindSubstatus, e.Kind)
	assert.Equal(t, "500.19", e.Substatus.Code.String())
	assert.Equal(t, win32.Code(0x8007000D), e.Win32.Code)
	assert.Equal(t, iisstatus.PageIISDetailed, e.Page.Kind)
	assert.Equal(t, "IIS Web Core", e.Page.Module)
	assert.Equal(t, "BeginRequest", e.Page.Notification)
	assert.Equal(t, "Not yet determined", e.Page.Handler)
	assert.Equal(t, "0x8007000d", e.Page.ErrorCode)
	assert.Empty(t, e.Page.ConfigError)
	assert.Equal(t, `\\?\C:\sites\demo\web.config`, e.Page.ConfigFile)
	assert.Equal(t, "500.19", e.Substatus.Selected, "a detailed page is IIS 7 or later")
	assert.Contains(t, e.String(), "  Error page: IIS detailed error page\n")
}
