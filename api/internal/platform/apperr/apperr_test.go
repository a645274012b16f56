package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestKindOfSurvivesWrapping(t *testing.T) {
	sentinel := NotFound("product not found")
	for _, tc := range []struct {
		name string
		err  error
		want Kind
	}{
		{"bare", sentinel, KindNotFound},
		{"wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", sentinel)), KindNotFound},
		{"plain error", errors.New("boom"), KindInternal},
		{"nil-like message still conflict", Conflict(""), KindConflict},
		{"rate limited", RateLimited("slow down", 0), KindRateLimited},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := KindOf(tc.err); got != tc.want {
				t.Fatalf("KindOf = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSentinelMatchesWrappedCopy(t *testing.T) {
	sentinel := Conflict("sku already exists")
	err := fmt.Errorf("create product: %w", Conflict("sku already exists"))
	if !errors.Is(err, sentinel) {
		t.Fatal("errors.Is did not match an equal business error")
	}
	if errors.Is(err, Conflict("other")) {
		t.Fatal("errors.Is matched a different message")
	}
}

func TestTypedIsACopyThatStillMatches(t *testing.T) {
	plain := Conflict("out of stock")
	typed := plain.Typed("urn:oms:problem:out-of-stock", "SKU-1")
	if plain.Type != "" || plain.Subject != "" {
		t.Fatalf("Typed changed the original: %+v", plain)
	}
	if typed.Type != "urn:oms:problem:out-of-stock" || typed.Subject != "SKU-1" || typed.Kind != KindConflict || typed.Message != plain.Message {
		t.Fatalf("typed %+v", typed)
	}
	if !errors.Is(fmt.Errorf("wrapped: %w", typed), plain) {
		t.Fatal("a typed error does not match its untyped sentinel")
	}
}

func TestSharedConflictTypes(t *testing.T) {
	for _, tc := range []struct {
		err  *Error
		want string
	}{
		{Stale("the order changed"), ProblemStaleVersion},
		{Exists("sku", "the SKU is taken"), ProblemAlreadyExists},
	} {
		if tc.err.Kind != KindConflict || tc.err.Type != tc.want {
			t.Errorf("%q: %+v, want a conflict of type %s", tc.err.Message, tc.err, tc.want)
		}
		if !errors.Is(fmt.Errorf("wrapped: %w", tc.err), tc.err) {
			t.Errorf("%q: a wrapped copy does not match", tc.err.Message)
		}
	}
}
