package inbox

import "testing"

func TestNormalizePhone(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"international formatted", "+7 (912) 345-67-89", "79123456789"},
		{"trunk prefix", "89123456789", "79123456789"},
		{"international digits", "79123456789", "79123456789"},
		{"ten digits", "9123456789", "79123456789"},
		{"dashes", "8-912-345-67-89", "79123456789"},
		{"foreign", "+380 44 123 4567", "380441234567"},
		{"empty", "", ""},
		{"letters", "позвоните мне", ""},
		{"too short", "123", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := NormalizePhone(c.in); got != c.want {
				t.Errorf("NormalizePhone(%q) = %q; want %q", c.in, got, c.want)
			}
		})
	}
}

func TestFormatPhone(t *testing.T) {
	if got, want := FormatPhone("79123456789"), "+7 912 345-67-89"; got != want {
		t.Errorf("FormatPhone = %q; want %q", got, want)
	}
}

func TestPhoneQuery(t *testing.T) {
	cases := []struct{ in, want string }{
		{"8912", "7912"},
		{"+7 912", "7912"},
		{"912-34", "91234"},
		{"Анна", ""},
		{"12", ""},
		{"89123456789", "79123456789"},
	}
	for _, c := range cases {
		if got := PhoneQuery(c.in); got != c.want {
			t.Errorf("PhoneQuery(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"+7 (912) 345-67-89", "89123456789", "79123456789", "", "+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizePhone(s)
		if n == "" {
			return
		}
		// Normalising is idempotent: a stored number normalises to itself.
		if again := NormalizePhone(n); again != n {
			t.Errorf("NormalizePhone(%q) = %q, but NormalizePhone(%q) = %q", s, n, n, again)
		}
	})
}

func TestValidPhone(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"+7 (912) 345-67-89", "79123456789", true},
		{"89123456789", "79123456789", true},
		{"8 912 34", "891234", false},
		{"123", "", false},
		{"+380 44 123 4567", "380441234567", true},
	}
	for _, c := range cases {
		if got, ok := ValidPhone(c.in); got != c.want || ok != c.ok {
			t.Errorf("ValidPhone(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
