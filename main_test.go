package main

import (
	"os"
	"os/exec"
	"testing"
)

// runMainEnv set in the environment makes the test binary run main itself:
// the tests start real faqbot processes this way (signals, exit codes,
// locks held by another process) without building a binary.
const runMainEnv = "FAQBOT_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// faqbotCommand is `faqbot args...` as a process of its own, with only the
// given environment (and no .env).
func faqbotCommand(t *testing.T, env map[string]string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = []string{runMainEnv + "=1", "ENV_FILE=" + t.TempDir() + "/absent.env", "PATH=" + os.Getenv("PATH")}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}
