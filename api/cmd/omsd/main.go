// Command omsd is the Order Management System server and its admin tool.
//
// @title                      Order Management System API
// @version                    1.0
// @description                REST API of the Order Management System: registration, catalog, orders and tracking. Errors are RFC 9457 problem+json.
// @BasePath                   /
// @securityDefinitions.apikey BearerAuth
// @in                         header
// @name                       Authorization
// @description                "Bearer " followed by an access token from POST /api/v1/auth/login.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// Set at build time with -ldflags "-X main.version=… -X main.commit=…".
var (
	version = "dev"
	commit  = "unknown"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
