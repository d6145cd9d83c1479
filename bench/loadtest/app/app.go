package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Item is what the service returns for an id.
type Item struct {
	ID    int
	Name  string
	Stock int
}

var errBadID = errors.New("bad item id")

// Backend is the downstream service the example calls once per request:
// it answers GET /stock/{id} with a number.
func Backend() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stock/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		_, _ = io.WriteString(w, strconv.Itoa(id*7%100))
	})
	return mux
}

// parseID is the first function's work, shared by every build.
func parseID(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, errBadID
	}
	return n, nil
}

// itemName is the second function's work.
func itemName(id int) string { return "item-" + strconv.Itoa(id) }

// renderItem is the third function's work.
func renderItem(it Item) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"id":%d,"name":%q,"stock":%d}`, it.ID, it.Name, it.Stock)
	return b.String()
}

// getStock makes the outgoing call through client (whose transport traces
// it, or not).
func getStock(ctx context.Context, client *http.Client, backendURL string, id int) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, backendURL+"/stock/"+strconv.Itoa(id), nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(string(body))
}

// writeItem writes a rendered item or the error of a request.
func writeItem(w http.ResponseWriter, body string, err error) {
	switch {
	case errors.Is(err, errBadID):
		http.Error(w, err.Error(), http.StatusBadRequest)
	case err != nil:
		http.Error(w, err.Error(), http.StatusBadGateway)
	default:
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}
}

// Route is the pattern of the service's one route.
const Route = "GET /items/{id}"
