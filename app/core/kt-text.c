/* kt-text.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Folding text for sorting and search.
 *
 * The rule, applied the same way to what is stored and to what is typed:
 * decompose (NFKD), drop every non-spacing combining mark (Unicode category
 * Mn) and invisible format character (Cf, such as a soft hyphen), case-fold,
 * collapse runs of white space into one space and trim. So "ÁRPÁD" and
 * "Árpád" both become "arpad", "Szabó Ödön" becomes "szabo odon" and "ß"
 * becomes "ss".
 *
 * Dropping all marks is deliberate even though it also folds Cyrillic "й"
 * into "и" and "ё" into "е" (and Ukrainian "ї" into "і"): people type names
 * without those marks as often as with them, a name must be found either
 * way, and one rule for every script keeps the stored keys and the queries
 * in step. Letters that are not a base letter plus a mark, such as
 * Ukrainian "ґ" and "є", stay as they are.
 */

#define G_LOG_DOMAIN "kt-text"

#include "config.h"

#include <string.h>

#include "core/kt-text.h"

static gboolean
is_dropped (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_FORMAT;
}

/* Spacing marks are part of words in Indic scripts; the rest of the word
 * characters are letters and digits. */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_type (c) == G_UNICODE_SPACING_MARK;
}

char *
kt_text_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;
  gboolean pending_space = FALSE;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
  bare = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_dropped (c))
        continue;

      if (g_unichar_isspace (c))
        {
          /* A space is written only once the next word starts: this both
           * collapses runs and trims both ends. */
          pending_space = bare->len > 0;
          continue;
        }

      if (pending_space)
        {
          g_string_append_c (bare, ' ');
          pending_space = FALSE;
        }
      g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, (gssize) bare->len);
}

/* Calls func for each word (maximal run of word characters) of folded text,
 * passing its start and length in bytes. Stops early when func returns
 * FALSE. */
typedef gboolean (*WordFunc) (const char *word,
                              gsize       length,
                              gpointer    user_data);

static void
foreach_word (const char *folded,
              WordFunc    func,
              gpointer    user_data)
{
  const char *word = NULL;
  const char *p = folded;

  for (;;)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean inside = c != 0 && is_word_char (c);

      if (inside && word == NULL)
        word = p;
      else if (!inside && word != NULL)
        {
          if (!func (word, (gsize) (p - word), user_data))
            return;
          word = NULL;
        }

      if (c == 0)
        return;
      p = g_utf8_next_char (p);
    }
}

static gboolean
append_word (const char *word,
             gsize       length,
             gpointer    user_data)
{
  GString *out = user_data;

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_len (out, word, (gssize) length);

  return TRUE;
}

char *
kt_text_search_tokens (const char *const *fields)
{
  GString *out = g_string_new (NULL);

  /* The array ends at the first NULL: callers pass "" for an empty field. */
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      g_autofree char *folded = kt_text_fold (fields[i]);

      foreach_word (folded, append_word, out);
    }

  return g_string_free (out, FALSE);
}

static gboolean
add_token (const char *word,
           gsize       length,
           gpointer    user_data)
{
  GPtrArray *tokens = user_data;

  g_ptr_array_add (tokens, g_strndup (word, length));

  /* More words than this are the user pasting a paragraph; matching them
   * all against every row would only make the search slow. */
  return tokens->len < KT_TEXT_MAX_QUERY_TOKENS;
}

/* The digits of text when it is made only of digits and the characters
 * people write phone numbers with, and has at least two groups; else NULL. */
static char *
phone_like_digits (const char *text)
{
  GString *digits = g_string_new (NULL);
  gboolean separated = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (strchr ("+ -()./", *p) != NULL)
        separated = separated || digits->len > 0;
      else
        return (g_string_free (digits, TRUE), NULL);
    }

  if (!separated || digits->len == 0)
    return (g_string_free (digits, TRUE), NULL);
  return g_string_free (digits, FALSE);
}

GStrv
kt_text_query_tokens (const char *query)
{
  g_autofree char *folded = kt_text_fold (query);
  g_autofree char *number = phone_like_digits (folded);
  GPtrArray *tokens = g_ptr_array_new ();

  /* A phone number typed as written ("+380 67 123") is one number, not
   * three words: search for its digits together. */
  if (number != NULL)
    g_ptr_array_add (tokens, g_steal_pointer (&number));
  else
    foreach_word (folded, add_token, tokens);
  g_ptr_array_add (tokens, NULL);

  return (GStrv) g_ptr_array_free (tokens, FALSE);
}

/* TRUE when some word of text (words are separated by single spaces)
 * starts with token. This runs for every row SQLite looks at during a
 * search, so it only compares bytes in place. Comparing bytes is right for
 * UTF-8: a whole-character prefix is also a byte prefix and vice versa. */
static gboolean
has_word_with_prefix (const char *text,
                      gsize       text_length,
                      const char *token,
                      gsize       token_length)
{
  const char *end = text + text_length;
  const char *word = text;

  while ((gsize) (end - word) >= token_length)
    {
      if (memcmp (word, token, token_length) == 0)
        return TRUE;

      word = memchr (word, ' ', (gsize) (end - word));
      if (word == NULL)
        return FALSE;
      word++;
    }

  return FALSE;
}

gboolean
kt_text_tokens_match (const char        *search_tokens,
                      const char *const *query_tokens)
{
  gsize text_length;

  if (query_tokens == NULL || query_tokens[0] == NULL)
    return TRUE;

  if (search_tokens == NULL)
    return FALSE;

  text_length = strlen (search_tokens);

  for (guint i = 0; query_tokens[i] != NULL; i++)
    {
      if (!has_word_with_prefix (search_tokens, text_length,
                                 query_tokens[i], strlen (query_tokens[i])))
        return FALSE;
    }

  return TRUE;
}

char *
kt_text_strip (const char *text)
{
  if (text == NULL)
    return g_strdup ("");

  return g_strstrip (g_strdup (text));
}

char *
kt_text_for_message (const char *text,
                     guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint count = 0;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (max_chars > 0 && count + 1 == max_chars && *next != '\0')
        {
          g_string_append (out, "…");
          break;
        }

      /* A line break or tab inside a quoted value would break the one-line
       * message the CLI prints. */
      g_string_append_unichar (out, g_unichar_iscntrl (c) ? ' ' : c);
      count++;
    }

  return g_string_free (out, FALSE);
}
