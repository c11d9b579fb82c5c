/* kt-cli-output.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What kartoteka-cli prints: a small JSON writer, the JSON shape of
 * members, cards, purchases and a member's standing, aligned text tables
 * and error lines.
 */

#define G_LOG_DOMAIN "kt-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "cli/kt-cli.h"

/* ---- JSON --------------------------------------------------------------- */

typedef struct
{
  gboolean is_object;
  guint    n_values;
} JsonLevel;

struct _KtJson
{
  GString  *out;
  GArray   *levels;      /* JsonLevel, innermost last */
  gboolean  after_key;   /* a key was written, its value comes next */
};

KtJson *
kt_json_new (void)
{
  KtJson *json = g_new0 (KtJson, 1);

  json->out = g_string_new (NULL);
  json->levels = g_array_new (FALSE, FALSE, sizeof (JsonLevel));
  return json;
}

void
kt_json_free (KtJson *json)
{
  if (json == NULL)
    return;
  g_string_free (json->out, TRUE);
  g_array_unref (json->levels);
  g_free (json);
}

static JsonLevel *
innermost (KtJson *json)
{
  if (json->levels->len == 0)
    return NULL;
  return &g_array_index (json->levels, JsonLevel, json->levels->len - 1);
}

static void
new_line (KtJson *json)
{
  g_string_append_c (json->out, '\n');
  for (guint i = 0; i < json->levels->len; i++)
    g_string_append (json->out, "  ");
}

/* Commas and indentation before a value: inside an object the key did
 * that already. */
static void
begin_value (KtJson *json)
{
  JsonLevel *level = innermost (json);

  if (json->after_key)
    {
      json->after_key = FALSE;
      return;
    }
  if (level == NULL)
    return;

  g_assert (!level->is_object);
  if (level->n_values++ > 0)
    g_string_append_c (json->out, ',');
  new_line (json);
}

/* RFC 8259 §7: quote, backslash and the control characters must be
 * escaped; everything else is UTF-8 as it is. Invalid UTF-8 (which the
 * store never returns, but a file name might hold) becomes U+FFFD so that
 * the output is always valid JSON. */
static void
append_string (GString    *out,
               const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
begin_container (KtJson   *json,
                 gboolean  is_object)
{
  JsonLevel level = { is_object, 0 };

  begin_value (json);
  g_string_append_c (json->out, is_object ? '{' : '[');
  g_array_append_val (json->levels, level);
}

static void
end_container (KtJson   *json,
               gboolean  is_object)
{
  JsonLevel *level = innermost (json);
  guint n_values;

  g_assert (level != NULL && level->is_object == is_object && !json->after_key);

  n_values = level->n_values;
  g_array_set_size (json->levels, json->levels->len - 1);
  if (n_values > 0)
    new_line (json);
  g_string_append_c (json->out, is_object ? '}' : ']');
  if (json->levels->len == 0)
    g_string_append_c (json->out, '\n');
}

void
kt_json_begin_object (KtJson *json)
{
  begin_container (json, TRUE);
}

void
kt_json_end_object (KtJson *json)
{
  end_container (json, TRUE);
}

void
kt_json_begin_array (KtJson *json)
{
  begin_container (json, FALSE);
}

void
kt_json_end_array (KtJson *json)
{
  end_container (json, FALSE);
}

void
kt_json_key (KtJson     *json,
             const char *key)
{
  JsonLevel *level = innermost (json);

  g_assert (level != NULL && level->is_object && !json->after_key);

  if (level->n_values++ > 0)
    g_string_append_c (json->out, ',');
  new_line (json);
  append_string (json->out, key);
  g_string_append (json->out, ": ");
  json->after_key = TRUE;
}

void
kt_json_string (KtJson     *json,
                const char *value)
{
  if (value == NULL)
    {
      kt_json_null (json);
      return;
    }
  begin_value (json);
  append_string (json->out, value);
}

void
kt_json_int (KtJson *json,
             gint64  value)
{
  begin_value (json);
  g_string_append_printf (json->out, "%" G_GINT64_FORMAT, value);
}

void
kt_json_double (KtJson *json,
                double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinity. */
  if (!isfinite (value))
    {
      kt_json_null (json);
      return;
    }
  begin_value (json);
  /* g_ascii_formatd: a decimal point whatever the locale says. */
  g_string_append (json->out, g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

void
kt_json_boolean (KtJson   *json,
                 gboolean  value)
{
  begin_value (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
kt_json_null (KtJson *json)
{
  begin_value (json);
  g_string_append (json->out, "null");
}

/* Money is a decimal string ("12.34"), never a JSON number: a reader that
 * turns numbers into doubles would otherwise get 12.339999. */
void
kt_json_money (KtJson  *json,
               KtMoney  value)
{
  g_autofree char *text = kt_money_format (value);

  kt_json_string (json, text);
}

void
kt_json_add_string (KtJson     *json,
                    const char *key,
                    const char *value)
{
  kt_json_key (json, key);
  kt_json_string (json, value);
}

void
kt_json_add_int (KtJson     *json,
                 const char *key,
                 gint64      value)
{
  kt_json_key (json, key);
  kt_json_int (json, value);
}

/* Ids are 0 for "none" in the library; JSON says null. */
void
kt_json_add_id (KtJson     *json,
                const char *key,
                gint64      id)
{
  kt_json_key (json, key);
  if (id > 0)
    kt_json_int (json, id);
  else
    kt_json_null (json);
}

void
kt_json_add_boolean (KtJson     *json,
                     const char *key,
                     gboolean    value)
{
  kt_json_key (json, key);
  kt_json_boolean (json, value);
}

void
kt_json_add_money (KtJson     *json,
                   const char *key,
                   KtMoney     value)
{
  kt_json_key (json, key);
  kt_json_money (json, value);
}

void
kt_json_flush (KtJson *json)
{
  /* Raw bytes: JSON is UTF-8 whatever the terminal's charset. */
  fwrite (json->out->str, 1, json->out->len, stdout);
  g_string_truncate (json->out, 0);
}

/* ---- JSON shapes of the register's things -------------------------------- */

static const char *
empty_to_null (const char *text)
{
  return (text != NULL && *text != '\0') ? text : NULL;
}

void
kt_cli_json_member_fields (KtJson         *json,
                           const KtMember *member)
{
  kt_json_add_int (json, "id", member->id);
  kt_json_add_string (json, "name", member->name);
  kt_json_add_string (json, "card", empty_to_null (member->card));
  kt_json_add_string (json, "phone", member->phone);
  kt_json_add_string (json, "email", member->email);
  kt_json_add_string (json, "status", kt_member_status_to_string (member->status));
  kt_json_add_money (json, "total_spent", member->total_spent);
  kt_json_add_int (json, "purchases", member->purchase_count);
  kt_json_add_int (json, "points", member->points);
  kt_json_add_string (json, "last_visit", empty_to_null (member->last_visit));
  kt_json_add_string (json, "joined", member->joined);
  kt_json_add_string (json, "birth_date", empty_to_null (member->birth_date));
  kt_json_add_string (json, "notes", member->notes);
  kt_json_add_boolean (json, "consent", member->consent);
  kt_json_add_string (json, "consent_date", empty_to_null (member->consent_date));
  kt_json_add_id (json, "referrer_id", member->referrer_id);
  kt_json_add_string (json, "referrer_name", empty_to_null (member->referrer_name));
  kt_json_add_boolean (json, "archived", member->archived);
  kt_json_add_boolean (json, "erased", member->erased);
}

void
kt_cli_json_card (KtJson       *json,
                  const KtCard *card)
{
  kt_json_begin_object (json);
  kt_json_add_string (json, "number", card->number);
  kt_json_add_string (json, "symbology", kt_symbology_to_string (card->symbology));
  kt_json_add_string (json, "state", kt_card_state_to_string (card->state));
  kt_json_add_id (json, "member_id", card->member_id);
  kt_json_add_string (json, "member_name", empty_to_null (card->member_name));
  kt_json_add_id (json, "batch_id", card->batch_id);
  kt_json_add_string (json, "issued", empty_to_null (card->issued));
  kt_json_add_string (json, "changed", empty_to_null (card->changed));
  kt_json_add_id (json, "replaced_by_card_id", card->replaced_by);
  kt_json_end_object (json);
}

void
kt_cli_json_purchase (KtJson           *json,
                      const KtPurchase *purchase)
{
  kt_json_begin_object (json);
  kt_json_add_int (json, "id", purchase->id);
  kt_json_add_string (json, "at", purchase->at);
  kt_json_add_string (json, "card", empty_to_null (purchase->card_number));
  kt_json_add_money (json, "amount", purchase->amount);
  kt_json_add_int (json, "items", purchase->items);
  kt_json_add_string (json, "category", empty_to_null (purchase->category));
  kt_json_add_money (json, "discount", purchase->discount);
  kt_json_add_int (json, "points_earned", purchase->points_earned);
  kt_json_add_int (json, "points_redeemed", purchase->points_redeemed);
  kt_json_add_money (json, "paid", purchase->paid);
  kt_json_add_money (json, "gift_paid", purchase->gift_paid);
  kt_json_add_money (json, "refunded", purchase->refunded);
  kt_json_end_object (json);
}

void
kt_cli_json_standing (KtJson                 *json,
                      const KtMemberStanding *standing)
{
  kt_json_begin_object (json);
  kt_json_add_string (json, "tier", empty_to_null (standing->tier));
  kt_json_add_money (json, "year_spent", standing->year_spent);
  kt_json_add_int (json, "points_balance", standing->points_balance);
  kt_json_add_int (json, "points_usable", standing->points_usable);
  kt_json_add_int (json, "points_pending", standing->points_pending);
  kt_json_add_string (json, "points_next_expiry", empty_to_null (standing->points_next_expiry));
  kt_json_add_int (json, "points_expiring", standing->points_expiring);
  kt_json_add_money (json, "gift_balance", standing->gift_balance);
  kt_json_key (json, "progress");
  kt_json_begin_array (json);
  for (guint i = 0; standing->progress != NULL && i < standing->progress->len; i++)
    kt_json_string (json, standing->progress->pdata[i]);
  kt_json_end_array (json);
  kt_json_end_object (json);
}

/* ---- text tables ---------------------------------------------------------- */

struct _KtCliTable
{
  guint      n_columns;
  gboolean  *right;       /* per column */
  GPtrArray *cells;       /* char*, row after row */
};

KtCliTable *
kt_cli_table_new (guint n_columns)
{
  KtCliTable *table = g_new0 (KtCliTable, 1);

  g_assert (n_columns > 0);
  table->n_columns = n_columns;
  table->right = g_new0 (gboolean, n_columns);
  table->cells = g_ptr_array_new_with_free_func (g_free);
  return table;
}

void
kt_cli_table_free (KtCliTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->cells);
  g_free (table->right);
  g_free (table);
}

void
kt_cli_table_align_right (KtCliTable *table,
                          guint       column)
{
  g_assert (column < table->n_columns);
  table->right[column] = TRUE;
}

/* Exactly n_columns strings (NULL-terminated list); NULL cells are
 * not allowed, use "" or kt_cli_or_dash(). */
void
kt_cli_table_add_row (KtCliTable *table,
                      ...)
{
  va_list args;
  const char *cell;
  guint n = 0;

  va_start (args, table);
  while ((cell = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (table->cells, g_strdup (cell));
      n++;
    }
  va_end (args);

  g_assert (n == table->n_columns);
}

/* Width in characters: good for the Latin, Cyrillic and Greek names a shop
 * register holds; East Asian wide characters would need wcwidth(). */
static guint
text_width (const char *text)
{
  return (guint) g_utf8_strlen (text, -1);
}

void
kt_cli_table_print (KtCliTable *table,
                    const char *indent)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  guint n_rows = table->cells->len / table->n_columns;
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < table->cells->len; i++)
    {
      guint column = i % table->n_columns;

      widths[column] = MAX (widths[column], text_width (table->cells->pdata[i]));
    }

  for (guint row = 0; row < n_rows; row++)
    {
      g_string_assign (line, indent != NULL ? indent : "");
      for (guint column = 0; column < table->n_columns; column++)
        {
          const char *cell = table->cells->pdata[row * table->n_columns + column];
          guint pad = widths[column] - text_width (cell);
          gboolean last = column + 1 == table->n_columns;

          if (column > 0)
            g_string_append (line, "  ");
          if (table->right[column])
            g_string_append_printf (line, "%*s", (int) pad, "");
          g_string_append (line, cell);
          if (!table->right[column] && !last)
            g_string_append_printf (line, "%*s", (int) pad, "");
        }
      /* A right-aligned or empty last cell can leave trailing blanks. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

/* ---- text helpers ---------------------------------------------------------- */

void
kt_cli_print_error (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  /* One line, whatever the message holds (SQLite's integrity findings, for
   * instance, come as several), so that scripts can log it as one. */
  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  g_printerr ("kartoteka-cli: %s\n", line);
}

char *
kt_cli_format_money (KtCli   *cli,
                     KtMoney  amount)
{
  if (cli->currency == NULL && cli->store != NULL)
    cli->currency = kt_store_get_setting (cli->store, KT_SETTING_CURRENCY);
  if (cli->currency == NULL || *cli->currency == '\0')
    return kt_money_format (amount);
  return kt_money_format_currency (amount, cli->currency);
}

const char *
kt_cli_or_dash (const char *text)
{
  return (text != NULL && *text != '\0') ? text : "-";
}
