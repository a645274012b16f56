package app

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/auth"
)

func TestAuditTrail(t *testing.T) {
	e := newAPI(t)
	if res := e.customerLogin("casey@example.com", "not the password!"); res.Code != 401 {
		t.Fatalf("bad login: %d", res.Code)
	}
	admin := e.login("admin@oms.example.com")
	support := e.login("support@oms.example.com")
	var me auth.Me
	e.do("GET", "/api/v1/me", support, "").json(&me)

	b := business()
	id, token := e.apply(b)
	e.verifyBoth(b, id, token)
	if res := e.do("POST", "/api/v1/admin/registrations/"+id+"/approve", support, ""); res.Code != 200 {
		t.Fatalf("approve: %d", res.Code)
	}

	if res := e.do("GET", "/api/v1/admin/audit", support, ""); res.Code != 403 {
		t.Fatalf("support reading the audit log: %d", res.Code)
	}
	entries := func(query string) []audit.EntryView {
		var page audit.EntryPage
		res := e.do("GET", "/api/v1/admin/audit?"+query, admin, "")
		if res.Code != 200 {
			t.Fatalf("audit %s: %d %s", query, res.Code, res.Body)
		}
		res.json(&page)
		return page.Items
	}
	failed := entries("action=auth.login.failed")
	if len(failed) != 1 || failed[0].ActorKind != "anonymous" || !strings.Contains(string(failed[0].After), "casey@example.com") || failed[0].IP == "" {
		t.Fatalf("failed login entries %+v", failed)
	}
	if strings.Contains(string(failed[0].After), "not the password") {
		t.Fatal("the audit log holds a password")
	}
	ok := entries("action=auth.login.succeeded&actor_id=" + me.ID)
	if len(ok) == 0 {
		t.Fatal("no successful login recorded")
	}
	for _, en := range ok {
		if en.ActorKind != "staff" || en.ActorID == nil || *en.ActorID != me.ID || en.ActorLabel != "support@oms.example.com" {
			t.Fatalf("successful login entry %+v", en)
		}
	}
	approved := entries("entity_type=registration&entity_id=" + url.QueryEscape(id))
	if len(approved) != 1 || approved[0].Action != "registration.approved" || approved[0].ActorID == nil || *approved[0].ActorID != me.ID {
		t.Fatalf("approval entries %+v", approved)
	}
	var before, after map[string]any
	_ = json.Unmarshal(approved[0].Before, &before)
	_ = json.Unmarshal(approved[0].After, &after)
	if before["status"] != "pending_review" || after["status"] != "approved" || after["login_id"] == "" || after["automatic"] != false {
		t.Fatalf("approval before %v after %v", before, after)
	}
	if res := e.do("GET", "/api/v1/admin/audit?actor_id=nope", admin, ""); res.Code != 422 {
		t.Fatalf("bad actor filter: %d", res.Code)
	}
}
