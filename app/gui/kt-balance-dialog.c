/* kt-balance-dialog.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changing a member's balance by hand: points added or taken with the
 * reason (a goodwill gesture, a mistake at the till), or money loaded on
 * the gift card or paid out of it. The dialog shows the balance it will
 * leave while the number is typed; the register decides, and a refusal is
 * shown in its own words with nothing changed.
 */

#define G_LOG_DOMAIN "kt-balance-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "core/kt-error.h"
#include "core/kt-text.h"
#include "store/kt-store-till.h"
#include "kt-balance-dialog.h"
#include "kt-format.h"

#define MESSAGE_MAX_CHARS 40

/* More points than anyone could mean; the register refuses far fewer. */
#define POINTS_TYPED_MAX G_GINT64_CONSTANT (999999999999999)

struct _KtBalanceDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *confirm_button;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  AdwActionRow        *current_row;
  GtkLabel            *current_label;
  AdwPreferencesGroup *change_group;
  AdwEntryRow         *amount_row;
  AdwEntryRow         *reason_row;
  GtkLabel            *new_label;
  GtkLabel            *hint_label;

  KtStore             *store;        /* not owned: the main window's */
  gint64               member_id;
  KtBalanceKind        kind;
  char                *currency;
  gint64               balance;      /* points, or money on the gift card */
};

G_DEFINE_FINAL_TYPE (KtBalanceDialog, kt_balance_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- reading what was typed ---------------------------------------------- */

/* Skips leading spaces and a sign: "+250", "-250", "−250" (a minus sign,
 * as the window shows negative figures). */
static const char *
skip_sign (const char *text,
           gboolean   *out_negative)
{
  gunichar c;

  while (g_unichar_isspace (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);

  c = g_utf8_get_char (text);
  *out_negative = c == '-' || c == 0x2212;
  if (c == '+' || *out_negative)
    text = g_utf8_next_char (text);
  return text;
}

static gboolean
is_digit_separator (gunichar c)
{
  return c == ' ' || c == 0x00a0 || c == 0x202f;
}

/* "250", "+1 300", "−250": a whole number of points with its sign. */
static gboolean
parse_points (const char  *text,
              gint64      *out_points,
              GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean negative;
  guint64 magnitude = 0;

  for (const char *p = skip_sign (text, &negative); *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c))
        g_string_append_c (digits, (char) c);
      else if (!is_digit_separator (c) || digits->len == 0)
        {
          digits->len = 0;
          break;
        }
    }

  if (digits->len == 0 ||
      !g_ascii_string_to_unsigned (digits->str, 10, 0, POINTS_TYPED_MAX, &magnitude, NULL))
    {
      g_autofree char *shown = kt_text_for_message (g_strstrip (g_strdup (text)),
                                                    MESSAGE_MAX_CHARS);

      if (*shown == '\0')
        g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                             _("Enter the points to add, or to take away with a minus sign"));
      else
        g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                     _("“%s” is not a whole number of points: enter, for example, 250 or −250"),
                     shown);
      return FALSE;
    }

  *out_points = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

/* "25.00", "-10": money loaded, or paid out with a minus sign. */
static gboolean
parse_gift (const char  *text,
            KtMoney     *out_amount,
            GError     **error)
{
  gboolean negative;
  KtMoney amount = 0;

  if (!kt_money_parse (skip_sign (text, &negative), &amount, error))
    return FALSE;

  *out_amount = negative ? -amount : amount;
  return TRUE;
}

static gboolean
parse_change (KtBalanceDialog  *self,
              gint64           *out_change,
              GError          **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));

  if (self->kind == KT_BALANCE_POINTS)
    return parse_points (text, out_change, error);
  return parse_gift (text, out_change, error);
}

/* ---- showing ------------------------------------------------------------- */

/* "1 300 points" or "25.00 €" */
static char *
format_balance (KtBalanceDialog *self,
                gint64           value)
{
  g_autofree char *figure = NULL;

  if (self->kind == KT_BALANCE_GIFT)
    return kt_money_format_currency (value, self->currency);

  figure = kt_format_points (value);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point", "%s points",
                                       (gulong) MIN (ABS (value), G_MAXLONG)),
                          figure);
}

/* The member's points (usable, and those on the way, which a change by
 * hand also takes from), or the money on their gift card. */
static gboolean
read_balance (KtBalanceDialog  *self,
              gint64           *out_balance,
              gint64           *out_pending,
              GError          **error)
{
  g_autoptr(KtMemberStanding) standing = NULL;

  standing = kt_store_member_standing (self->store, self->member_id, NULL, error);
  if (standing == NULL)
    return FALSE;

  if (self->kind == KT_BALANCE_POINTS)
    {
      *out_balance = standing->points_usable + standing->points_pending;
      *out_pending = standing->points_pending;
    }
  else
    {
      *out_balance = standing->gift_balance;
      *out_pending = 0;
    }
  return TRUE;
}

static void
show_error (KtBalanceDialog *self,
            const char      *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
show_hint (KtBalanceDialog *self,
           const char      *message)
{
  if (message != NULL)
    gtk_label_set_text (self->hint_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), message != NULL);
}

static void
show_current (KtBalanceDialog *self,
              gint64           pending)
{
  g_autofree char *current = format_balance (self, self->balance);

  gtk_label_set_text (self->current_label, current);
  if (pending > 0)
    {
      g_autofree char *points = kt_format_points (pending);
      g_autofree char *subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Of which %s point is not yet usable",
                                      "Of which %s points are not yet usable",
                                      (gulong) MIN (pending, G_MAXLONG)),
                         points);

      adw_action_row_set_subtitle (self->current_row, subtitle);
    }
}

/* What the balance will be, as the number is typed. */
static void
update_preview (KtBalanceDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gint64 change = 0;
  gboolean typed = *gtk_editable_get_text (GTK_EDITABLE (self->amount_row)) != '\0';
  gboolean valid = typed && parse_change (self, &change, &error);

  show_error (self, NULL);
  show_hint (self, typed && !valid ? error->message : NULL);

  after = valid ? format_balance (self, self->balance + change) : g_strdup ("—");
  gtk_label_set_text (self->new_label, after);
  if (valid && self->balance + change < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->new_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->new_label), "error");

  if (self->kind == KT_BALANCE_GIFT)
    gtk_button_set_label (self->confirm_button, change < 0 ? _("_Pay Out") : _("_Load"));
}

/* "Points adjusted: 1 300 points", "Gift card: 25.00 € loaded" */
static char *
describe_done (KtBalanceDialog *self,
               gint64           change)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *figure = NULL;
  gint64 balance = self->balance + change;
  gint64 pending;

  if (self->kind == KT_BALANCE_GIFT)
    {
      figure = kt_money_format_currency (ABS (change), self->currency);
      if (change < 0)
        return g_strdup_printf (_("Gift card: %s paid out"), figure);
      return g_strdup_printf (_("Gift card: %s loaded"), figure);
    }

  /* What the register says now; what was on show plus the change when it
   * cannot be read. */
  if (!read_balance (self, &balance, &pending, &error))
    g_warning ("Cannot read the points after the change: %s", error->message);
  figure = format_balance (self, balance);
  return g_strdup_printf (_("Points adjusted: %s"), figure);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
amount_changed_cb (KtBalanceDialog *self)
{
  g_assert (KT_IS_BALANCE_DIALOG (self));

  update_preview (self);
}

static void
confirm_clicked_cb (KtBalanceDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
  gint64 change = 0;
  gboolean done;

  g_assert (KT_IS_BALANCE_DIALOG (self));

  if (!parse_change (self, &change, &error))
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
      return;
    }

  if (self->kind == KT_BALANCE_POINTS)
    done = kt_store_points_adjust (self->store, self->member_id, change, reason, &error);
  else
    done = kt_store_gift_load (self->store, self->member_id, change, reason, &error);
  if (!done)
    {
      show_error (self, error->message);
      return;
    }

  message = describe_done (self, change);
  g_signal_emit (self, signals[DONE], 0, self->member_id, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_balance_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_BALANCE_DIALOG);

  G_OBJECT_CLASS (kt_balance_dialog_parent_class)->dispose (object);
}

static void
kt_balance_dialog_finalize (GObject *object)
{
  KtBalanceDialog *self = KT_BALANCE_DIALOG (object);

  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (kt_balance_dialog_parent_class)->finalize (object);
}

static void
kt_balance_dialog_class_init (KtBalanceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_balance_dialog_dispose;
  object_class->finalize = kt_balance_dialog_finalize;

  /**
   * KtBalanceDialog::done:
   * @self: the dialog
   * @member_id: the member whose balance changed
   * @message: the change, for a toast
   *
   * Emitted once the change is in the register, just before the dialog
   * closes.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-balance-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, current_row);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, change_group);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, new_label);
  gtk_widget_class_bind_template_child (widget_class, KtBalanceDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, amount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kt_balance_dialog_init (KtBalanceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ---------------------------------------------------------- */

/* What differs between the two kinds of balance. */
static void
set_kind (KtBalanceDialog *self,
          KtBalanceKind    kind)
{
  gboolean points = kind == KT_BALANCE_POINTS;

  self->kind = kind;
  adw_window_title_set_title (self->window_title, points ? _("Adjust Points") : _("Gift Card"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row),
                                 points ? _("Points") : _("Amount"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row),
                                 points ? _("Reason") : _("Reason (Optional)"));
  adw_preferences_group_set_description (self->change_group,
                                         points
                                         ? _("A positive number adds points, usable at once; a "
                                             "negative one, such as −200, takes them away. The "
                                             "reason is kept in the points history.")
                                         : _("A positive amount loads money on the card; a "
                                             "negative one, such as −10.00, pays money out of "
                                             "it."));
  gtk_button_set_label (self->confirm_button, points ? _("_Adjust") : _("_Load"));
}

/**
 * kt_balance_dialog_new:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 * @member: the member whose balance changes
 * @kind: their points, or their gift card
 * @error: return location for an error
 *
 * Returns: (transfer floating) (nullable): the dialog, not yet shown, or
 *   %NULL when the member's balance could not be read
 */
KtBalanceDialog *
kt_balance_dialog_new (GtkWindow       *parent,
                       KtStore         *store,
                       const KtMember  *member,
                       KtBalanceKind    kind,
                       GError         **error)
{
  KtBalanceDialog *self;
  gint64 pending = 0;

  g_return_val_if_fail (store != NULL && member != NULL, NULL);

  self = g_object_new (KT_TYPE_BALANCE_DIALOG, "transient-for", parent, NULL);
  self->store = store;
  self->member_id = member->id;
  self->currency = kt_store_get_setting (store, KT_SETTING_CURRENCY);
  set_kind (self, kind);
  adw_window_title_set_subtitle (self->window_title, member->name);

  if (!read_balance (self, &self->balance, &pending, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  show_current (self, pending);
  update_preview (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
  return self;
}
