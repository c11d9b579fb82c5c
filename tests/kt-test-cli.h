/* kt-test-cli.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the tests that run kartoteka-cli as a script or a shop owner
 * uses it: the built program (env KT_CLI) is run on a temporary register
 * and its output, exit status and error lines are checked. JSON output is
 * read back with a strict little parser, so a wrong escape or a stray
 * comma fails the test.
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "kt-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;   /* exit status */
  char *out;
  char *err;
} Run;

/* ---- running the program ----------------------------------------------------- */

static inline void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs `kartoteka-cli --database DB ARGS…` (NULL-terminated). */
static inline void
cli_run (Fixture    *f,
         Run        *run,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("KT_CLI");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, f->db);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* A success: status 0 and nothing on stderr. */
static inline void
assert_ok (const Run *run)
{
  if (run->status != 0 || *run->err != '\0')
    g_error ("kartoteka-cli failed (%d): %s", run->status, run->err);
}

/* A failure as the user sees it: the expected status and exactly one line
 * "kartoteka-cli: …" on stderr, nothing on stdout. */
static inline void
assert_refused (const Run *run,
                int        status)
{
  const char *newline = strchr (run->err, '\n');

  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "kartoteka-cli: "));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_cmpuint (strlen (run->err), >, strlen ("kartoteka-cli: \n"));
  g_assert_cmpstr (run->out, ==, "");
}

/* ---- a strict JSON reader (RFC 8259) into GVariant ------------------------------ *
 * objects a{sv}, arrays av, strings s, integers x, other numbers d,
 * true/false b, null an empty mv. */

typedef struct
{
  const char *p;
} Reader;

static inline GVariant *read_value (Reader *r);

static inline void
skip_space (Reader *r)
{
  while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
    r->p++;
}

static inline gboolean
read_hex4 (Reader   *r,
           gunichar *out)
{
  *out = 0;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (r->p[i]);

      if (digit < 0)
        return FALSE;
      *out = *out * 16 + (gunichar) digit;
    }
  r->p += 4;
  return TRUE;
}

static inline gboolean
read_escape (Reader  *r,
             GString *s)
{
  gunichar u, low;

  switch (*r->p++)
    {
    case '"': g_string_append_c (s, '"'); return TRUE;
    case '\\': g_string_append_c (s, '\\'); return TRUE;
    case '/': g_string_append_c (s, '/'); return TRUE;
    case 'b': g_string_append_c (s, '\b'); return TRUE;
    case 'f': g_string_append_c (s, '\f'); return TRUE;
    case 'n': g_string_append_c (s, '\n'); return TRUE;
    case 'r': g_string_append_c (s, '\r'); return TRUE;
    case 't': g_string_append_c (s, '\t'); return TRUE;
    case 'u':
      if (!read_hex4 (r, &u) || u == 0 || (u >= 0xdc00 && u <= 0xdfff))
        return FALSE;
      if (u >= 0xd800 && u <= 0xdbff)
        {
          if (r->p[0] != '\\' || r->p[1] != 'u')
            return FALSE;
          r->p += 2;
          if (!read_hex4 (r, &low) || low < 0xdc00 || low > 0xdfff)
            return FALSE;
          u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
        }
      g_string_append_unichar (s, u);
      return TRUE;
    default:
      return FALSE;
    }
}

static inline char *
read_string (Reader *r)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (*r->p != '"')
    return NULL;
  r->p++;
  for (;;)
    {
      guchar c = (guchar) *r->p;

      /* Control characters must come escaped. */
      if (c < 0x20)
        return NULL;
      r->p++;
      if (c == '"')
        break;
      if (c != '\\')
        g_string_append_c (s, (char) c);
      else if (!read_escape (r, s))
        return NULL;
    }
  if (!g_utf8_validate (s->str, s->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static inline GVariant *
read_number (Reader *r)
{
  const char *start = r->p;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;

  if (*r->p == '-')
    r->p++;
  if (*r->p == '0')
    r->p++;
  else if (g_ascii_isdigit (*r->p))
    while (g_ascii_isdigit (*r->p))
      r->p++;
  else
    return NULL;
  if (*r->p == '.')
    {
      integer = FALSE;
      if (!g_ascii_isdigit (*++r->p))
        return NULL;
      while (g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (*r->p == 'e' || *r->p == 'E')
    {
      integer = FALSE;
      r->p++;
      if (*r->p == '+' || *r->p == '-')
        r->p++;
      if (!g_ascii_isdigit (*r->p))
        return NULL;
      while (g_ascii_isdigit (*r->p))
        r->p++;
    }
  text = g_strndup (start, r->p - start);
  if (integer)
    return g_variant_new_int64 (g_ascii_strtoll (text, NULL, 10));
  return g_variant_new_double (g_ascii_strtod (text, NULL));
}

static inline GVariant *
read_object (Reader *r)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  r->p++;
  skip_space (r);
  if (*r->p == '}')
    {
      r->p++;
      return g_variant_builder_end (&builder);
    }
  for (;;)
    {
      g_autofree char *key = NULL;
      GVariant *value;

      skip_space (r);
      key = read_string (r);
      if (key == NULL)
        return NULL;
      skip_space (r);
      if (*r->p++ != ':')
        return NULL;
      value = read_value (r);
      if (value == NULL)
        return NULL;
      g_variant_builder_add (&builder, "{sv}", key, value);
      skip_space (r);
      if (*r->p == '}')
        break;
      if (*r->p++ != ',')
        return NULL;
    }
  r->p++;
  return g_variant_builder_end (&builder);
}

static inline GVariant *
read_array (Reader *r)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));

  r->p++;
  skip_space (r);
  if (*r->p == ']')
    {
      r->p++;
      return g_variant_builder_end (&builder);
    }
  for (;;)
    {
      GVariant *value = read_value (r);

      if (value == NULL)
        return NULL;
      g_variant_builder_add (&builder, "v", value);
      skip_space (r);
      if (*r->p == ']')
        break;
      if (*r->p++ != ',')
        return NULL;
    }
  r->p++;
  return g_variant_builder_end (&builder);
}

static inline GVariant *
read_value (Reader *r)
{
  skip_space (r);
  switch (*r->p)
    {
    case '{':
      return read_object (r);
    case '[':
      return read_array (r);
    case '"':
      {
        g_autofree char *s = read_string (r);

        return s != NULL ? g_variant_new_string (s) : NULL;
      }
    case 't':
      if (!g_str_has_prefix (r->p, "true"))
        return NULL;
      r->p += 4;
      return g_variant_new_boolean (TRUE);
    case 'f':
      if (!g_str_has_prefix (r->p, "false"))
        return NULL;
      r->p += 5;
      return g_variant_new_boolean (FALSE);
    case 'n':
      if (!g_str_has_prefix (r->p, "null"))
        return NULL;
      r->p += 4;
      return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
    default:
      return read_number (r);
    }
}

/* The whole text must be one JSON value. */
static inline GVariant *
parse_json (const char *text)
{
  Reader r = { text };
  GVariant *value = read_value (&r);

  if (value == NULL)
    g_error ("not valid JSON near “%.40s”: %s", r.p, text);
  g_variant_ref_sink (value);
  skip_space (&r);
  if (*r.p != '\0')
    g_error ("text after the JSON value: “%.40s”", r.p);
  return value;
}

static inline const char *
json_string (GVariant   *object,
             const char *key)
{
  const char *value = NULL;

  if (!g_variant_lookup (object, key, "&s", &value))
    g_error ("“%s” is missing or not a string in %s", key, g_variant_print (object, FALSE));
  return value;
}

static inline gint64
json_int (GVariant   *object,
          const char *key)
{
  gint64 value = 0;

  if (!g_variant_lookup (object, key, "x", &value))
    g_error ("“%s” is missing or not an integer in %s", key, g_variant_print (object, FALSE));
  return value;
}

static inline gboolean
json_boolean (GVariant   *object,
              const char *key)
{
  gboolean value = FALSE;

  if (!g_variant_lookup (object, key, "b", &value))
    g_error ("“%s” is missing or not a boolean in %s", key, g_variant_print (object, FALSE));
  return value;
}

static inline gboolean
json_is_null (GVariant   *object,
              const char *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (object, key, NULL);

  g_assert_nonnull (value);
  return g_variant_is_of_type (value, G_VARIANT_TYPE ("mv")) && g_variant_n_children (value) == 0;
}

/* Element i of a JSON array, unboxed. */
static inline GVariant *
json_element (GVariant *array,
              gsize     i)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (array, i);

  return g_variant_get_variant (boxed);
}

static inline GVariant *
json_member (GVariant   *object,
             const char *key)
{
  GVariant *value = g_variant_lookup_value (object, key, NULL);

  if (value == NULL)
    g_error ("“%s” is missing in %s", key, g_variant_print (object, FALSE));
  return value;
}

/* ---- fixture and shared steps ------------------------------------------------------ */

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kartoteka-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "shop.db", NULL);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kt_test_remove_register (f->dir, f->db);
  g_free (f->db);
  g_free (f->dir);
}

static inline void
init_register (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli_run (f, &run, "init", "--shop-name", "Kvitka", "--currency", "uah",
           "--card-prefix", "42", NULL);
  assert_ok (&run);
}

static inline gint64
add_member (Fixture    *f,
            const char *name,
            const char *phone,
            const char *email)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) member = NULL;

  cli_run (f, &run, "--json", "member", "add", "--name", name, "--phone", phone,
           "--email", email, NULL);
  assert_ok (&run);
  member = parse_json (run.out);
  g_assert_cmpstr (json_string (member, "name"), ==, name);
  return json_int (member, "id");
}

/* `member find "" --json`: the whole list as a user's script sees it. */
static inline char *
everyone_json (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli_run (f, &run, "member", "find", "", "--json", "--limit", "1000", NULL);
  assert_ok (&run);
  return g_steal_pointer (&run.out);
}

static inline gsize
count_everyone (Fixture *f)
{
  g_autofree char *everyone = everyone_json (f);
  g_autoptr(GVariant) list = parse_json (everyone);

  return g_variant_n_children (list);
}

static inline char *
issue_card (Fixture *f,
            gint64   member_id)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) card = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);

  cli_run (f, &run, "--json", "card", "issue", id, NULL);
  assert_ok (&run);
  card = parse_json (run.out);
  g_assert_cmpstr (json_string (card, "state"), ==, "active");
  g_assert_cmpint (json_int (card, "member_id"), ==, member_id);
  return g_strdup (json_string (card, "number"));
}

/* Registers a test that gets a fresh temporary folder for its register. */
static inline void
add_cli_test (const char *path,
              void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}
