package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The embedded store keeps each database in one SQLite file, <name>.sqlite, with its
// write-ahead log <name>.sqlite-wal beside it. This file checks them before the store starts,
// merges the log when it stops, and copies them for a backup.

// DamagedError says which of the embedded store's files cannot be trusted, and why.
type DamagedError struct {
	File    string
	Problem string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the embedded store's file %s is damaged: %s. Nothing was changed. "+
		"Stop here and restore the latest backup (heltnormal restore DIR); or, to start without "+
		"what the file held, move it out of the data directory", e.File, e.Problem)
}

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// databaseFiles are the SQLite databases in dir.
func databaseFiles(dir string) ([]string, error) {
	return filepath.Glob(filepath.Join(dir, "*.sqlite"))
}

// CheckFiles refuses database files whose damage SQLite's formats make visible: something
// other than a file in a database's place, a file that is not a database or is shorter than
// its header says (truncated), a write-ahead log that is not one (overwritten), and a database
// SQLite's own quick_check finds broken. Damage that keeps the formats intact — a valid page
// with wrong answers in it — cannot be seen; backups cover it (docs/security.md).
func CheckFiles(ctx context.Context, dir string) error {
	files, err := databaseFiles(dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := checkDatabase(f); err != nil {
			return err
		}
		if err := checkLog(f + "-wal"); err != nil {
			return err
		}
		if err := quickCheck(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// checkDatabase reads a database file's header and compares it with the file's size.
func checkDatabase(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return &DamagedError{path, err.Error()}
	}
	if !info.Mode().IsRegular() {
		return &DamagedError{path, "it is not a regular file but " + fileKind(info.Mode())}
	}
	if info.Size() == 0 {
		return nil // a database not written to yet
	}
	header := make([]byte, 100)
	if err := readStart(path, header); err != nil {
		return &DamagedError{path, "it is shorter than a database header"}
	}
	if !bytes.HasPrefix(header, sqliteHeader) {
		return &DamagedError{path, "it is not an SQLite database (its first bytes are wrong)"}
	}
	pageSize := int64(binary.BigEndian.Uint16(header[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return &DamagedError{path, fmt.Sprintf("its header names an impossible page size (%d)", pageSize)}
	}
	if info.Size()%pageSize != 0 {
		return &DamagedError{path, fmt.Sprintf("its size (%d bytes) is not a whole number of %d-byte pages, as when a copy or a disk stopped half-way", info.Size(), pageSize)}
	}
	// The page count in the header is valid when the change counter matches the
	// version-valid-for number (SQLite file format, section 1.3.7).
	pages := int64(binary.BigEndian.Uint32(header[28:32]))
	if bytes.Equal(header[24:28], header[92:96]) && info.Size() < pages*pageSize {
		return &DamagedError{path, fmt.Sprintf("it holds %d of the %d pages its header counts: it was cut short", info.Size()/pageSize, pages)}
	}
	return nil
}

// checkLog reads a write-ahead log's header: after a crash the log may hold the latest
// answers, and SQLite silently ignores a log whose header is wrong — those answers would be
// gone without a word.
func checkLog(path string) error {
	info, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &DamagedError{path, err.Error()}
	}
	if !info.Mode().IsRegular() {
		return &DamagedError{path, "it is not a regular file but " + fileKind(info.Mode())}
	}
	if info.Size() == 0 {
		return nil // merged at the last stop
	}
	header := make([]byte, 32)
	if err := readStart(path, header); err != nil {
		return &DamagedError{path, "it is shorter than a write-ahead log header, so the answers written last may be lost"}
	}
	magic := binary.BigEndian.Uint32(header[0:4])
	if magic != 0x377f0682 && magic != 0x377f0683 {
		return &DamagedError{path, "it is not an SQLite write-ahead log (its first bytes are wrong), so the answers written since the last checkpoint cannot be read from it"}
	}
	var order binary.ByteOrder = binary.LittleEndian
	if magic&1 == 1 {
		order = binary.BigEndian
	}
	s0, s1 := walChecksum(order, header[:24])
	if s0 != binary.BigEndian.Uint32(header[24:28]) || s1 != binary.BigEndian.Uint32(header[28:32]) {
		return &DamagedError{path, "its header's checksum is wrong, so the answers written since the last checkpoint cannot be read from it"}
	}
	return nil
}

// walChecksum is SQLite's write-ahead log checksum over b, read as 32-bit words in order
// (SQLite file format, section 4.1).
func walChecksum(order binary.ByteOrder, b []byte) (s0, s1 uint32) {
	for i := 0; i+8 <= len(b); i += 8 {
		s0 += order.Uint32(b[i:]) + s1
		s1 += order.Uint32(b[i+4:]) + s0
	}
	return s0, s1
}

// quickCheck runs SQLite's own consistency check of the pages and indexes.
func quickCheck(ctx context.Context, path string) error {
	db, err := openFile(path)
	if err != nil {
		return &DamagedError{path, err.Error()}
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return &DamagedError{path, "SQLite cannot read it: " + err.Error()}
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return &DamagedError{path, err.Error()}
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return &DamagedError{path, "SQLite cannot read it: " + err.Error()}
	}
	if len(problems) > 0 {
		return &DamagedError{path, "SQLite's check finds: " + strings.Join(problems, "; ")}
	}
	return nil
}

// openFile opens one SQLite database file on its own, beside the store (or without it).
func openFile(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func readStart(path string, buf []byte) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.ReadFull(f, buf)
	return err
}

func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// mergeLogs copies every database's write-ahead log into the database and empties it: at a
// graceful stop, the files then hold everything on their own.
func mergeLogs(ctx context.Context, dir string) error {
	files, err := databaseFiles(dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := checkpoint(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// Backup copies every database in the embedded store's data directory into dest (created,
// and empty or new), while a server may be using them: each copy is made in one read
// transaction (VACUUM INTO), so it is consistent, holds no deleted pages, and is a complete
// database without a log. dest is then a data directory the server can start from. It
// returns the files written.
func Backup(ctx context.Context, dataDir, dest string) ([]string, error) {
	files, err := databaseFiles(dataDir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no database to back up; is HELTNORMAL_DATA_DIR right?", dataDir)
	}
	if err := emptyDir(dest); err != nil {
		return nil, err
	}
	var written []string
	for _, f := range files {
		out := filepath.Join(dest, filepath.Base(f))
		if err := vacuumInto(ctx, f, out); err != nil {
			return written, err
		}
		if err := os.Chmod(out, 0o600); err != nil {
			return written, err
		}
		if err := checkDatabase(out); err != nil {
			return written, fmt.Errorf("the backup failed its check: %w", err)
		}
		written = append(written, out)
	}
	return written, nil
}

func vacuumInto(ctx context.Context, from, to string) error {
	db, err := openFile(from)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", to); err != nil {
		return fmt.Errorf("copy %s: %w", filepath.Base(from), err)
	}
	return nil
}

// emptyDir makes dir (readable by this user only) unless it exists, and refuses one that
// holds anything: a backup never overwrites another.
func emptyDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty; choose a new directory for the backup", dir)
	}
	return os.Chmod(dir, 0o700)
}

// Restore copies the databases of a backup made by Backup into dataDir, after checking them
// as the server's start does. It refuses while a server uses dataDir, and — unless replace is
// set — when dataDir already holds a database.
func Restore(ctx context.Context, backupDir, dataDir string, replace bool) ([]string, error) {
	files, err := databaseFiles(backupDir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no database; is it a backup made by heltnormal backup?", backupDir)
	}
	if err := CheckFiles(ctx, backupDir); err != nil {
		return nil, fmt.Errorf("the backup cannot be restored: %w", err)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, err
	}
	if err := removeStaleSocket(filepath.Join(dataDir, socketName)); err != nil {
		return nil, err // a server is running on dataDir
	}
	existing, err := databaseFiles(dataDir)
	if err != nil {
		return nil, err
	}
	if len(existing) > 0 && !replace {
		return nil, fmt.Errorf("%s already holds a database (%s); stop the server and use -replace to overwrite it", dataDir, filepath.Base(existing[0]))
	}
	var written []string
	for _, f := range files {
		out := filepath.Join(dataDir, filepath.Base(f))
		for _, stale := range []string{out + "-wal", out + "-shm"} {
			if err := os.Remove(stale); err != nil && !errors.Is(err, os.ErrNotExist) {
				return written, err
			}
		}
		if err := copyFile(f, out); err != nil {
			return written, err
		}
		written = append(written, out)
	}
	return written, nil
}

// copyFile writes a copy of from to to (0600) through a temporary file, so that a copy cut
// short never takes the place of a database.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(to), ".restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), to)
}
