package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/heltnormal/heltnormal/internal/config"
	"github.com/heltnormal/heltnormal/internal/store"
)

const (
	backupUsage  = "usage: heltnormal backup DIR   (a new or empty directory)"
	restoreUsage = "usage: heltnormal restore [--replace] DIR   (a directory made by heltnormal backup)"
)

// backup copies the embedded store into a new directory while the server may be running:
// a consistent copy, itself a data directory the server can start from. MongoDB has its own
// tools for this.
func backup(ctx context.Context, args []string, e env) error {
	dir, cfg, err := storeCommand(args, e, flag.NewFlagSet("backup", flag.ContinueOnError), backupUsage)
	if err != nil {
		return err
	}
	files, err := store.Backup(ctx, cfg.DataDir, dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", cfg.DataDir, strings.Join(files, ", "))
	return nil
}

// restore puts a backup in place of the embedded store, with the server stopped.
func restore(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	replace := fs.Bool("replace", false, "overwrite the database in HELTNORMAL_DATA_DIR")
	dir, cfg, err := storeCommand(args, e, fs, restoreUsage)
	if err != nil {
		return err
	}
	files, err := store.Restore(ctx, dir, cfg.DataDir, *replace)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s into %s; start the server\n", dir, strings.Join(files, ", "))
	return nil
}

// storeCommand reads "[flags] DIR [settings]" for backup and restore, and refuses MongoDB.
func storeCommand(args []string, e env, fs *flag.FlagSet, usage string) (string, config.Config, error) {
	fs.SetOutput(e.stderr)
	own, rest := splitFlags(args, fs)
	if err := fs.Parse(own); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", config.Config{}, err
		}
		return "", config.Config{}, usageError(usage)
	}
	if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
		return "", config.Config{}, usageError(usage)
	}
	dir := rest[0]
	cfg, err := config.Load(rest[1:], e.getenv)
	if err != nil {
		return "", config.Config{}, usageError(err.Error())
	}
	if cfg.MongoURI != "" {
		return "", config.Config{}, usageError("MONGODB_URI is set: back MongoDB up with its own tools, e.g. mongodump --uri \"$MONGODB_URI\" --archive=heltnormal.archive (README, Deploying with MongoDB)")
	}
	return dir, cfg, nil
}
