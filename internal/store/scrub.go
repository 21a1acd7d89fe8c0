package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the driver FerretDB uses; registered once, whoever imports it
)

// Scrub makes deleted answers unrecoverable from the embedded store's files and keeps the
// files readable by the server's user only. SQLite writes changes to a write-ahead log first,
// so a deleted answer's old page can linger there until a checkpoint copies the log into the
// database file (where secure_delete has zeroed it) and truncates it. Deleting a session and
// the retention job call it. It does nothing for MongoDB, whose own journal and storage are
// the operator's to protect (docs/privacy.md).
func (s *Store) Scrub(ctx context.Context) error {
	if s.dataDir == "" {
		return nil
	}
	files, err := filepath.Glob(filepath.Join(s.dataDir, s.db.Name()+".sqlite*"))
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.Chmod(f, 0o600); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("protect %s: %w", filepath.Base(f), err)
		}
		if strings.HasSuffix(f, ".sqlite") { // the database itself, not its -wal and -shm
			if err := checkpoint(ctx, f); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkpoint copies the write-ahead log of the SQLite database at path into the database and
// truncates the log. Readers in the middle of a read can hold it up; it waits a moment for
// them, and a checkpoint that could not finish is done by the next Scrub.
func checkpoint(ctx context.Context, path string) error {
	db, err := openFile(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var busy, logPages, moved int
	if err := db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logPages, &moved); err != nil {
		return fmt.Errorf("checkpoint %s: %w", filepath.Base(path), err)
	}
	return nil
}

// DataDir is the embedded store's data directory, empty for MongoDB.
func (s *Store) DataDir() string { return s.dataDir }

// DatabaseName is the name of the store's database.
func (s *Store) DatabaseName() string { return s.db.Name() }
