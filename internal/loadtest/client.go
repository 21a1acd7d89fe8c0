package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Client talks to the server under test: JSON in and out, with a bearer token once logged
// in. The benchmark and the fault tests both use it.
type Client struct {
	Base  string // the server's URL, without a trailing slash
	HTTP  *http.Client
	Token string
}

// Call sends in (nil, raw JSON bytes, or a value to encode) and decodes a 2xx answer into
// out (when not nil). It returns the status; any status from 300 up is an error naming it.
func (c *Client) Call(ctx context.Context, method, path string, in, out any) (int, error) {
	var body []byte
	switch v := in.(type) {
	case nil:
	case []byte:
		body = v
	default:
		data, err := json.Marshal(v)
		if err != nil {
			return 0, err
		}
		body = data
	}
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.Base+path, reader)
	if err != nil {
		return 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		return resp.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, bytes.TrimSpace(data))
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %v in %s", method, path, err, data)
		}
	}
	return resp.StatusCode, nil
}

// do is Call for raw JSON, when only the error matters.
func (c *Client) do(ctx context.Context, method, path string, body []byte, out any) error {
	_, err := c.Call(ctx, method, path, body, out)
	return err
}
