/* kt-quote-view.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A quote as the till shows it, read top to bottom like a receipt: the
 * amount, what each scheme takes off and why, points paid with, then the
 * amount to pay in large figures, and below it the points the purchase
 * earns and any gift to hand over.
 */

#define G_LOG_DOMAIN "kt-quote-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kt-format.h"
#include "kt-quote-view.h"

struct _KtQuoteView
{
  AdwBin      parent_instance;

  GtkStack   *stack;
  GtkLabel   *message_label;
  GtkLabel   *tier_label;
  GtkGrid    *lines_grid;
  GtkGrid    *pay_grid;
  GtkWidget  *points_box;
  GtkLabel   *points_label;
  GtkBox     *notices_box;
};

G_DEFINE_FINAL_TYPE (KtQuoteView, kt_quote_view, ADW_TYPE_BIN)

/* ---- helpers ------------------------------------------------------------- */

static void
remove_children (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

static GtkWidget *
create_label (const char *text,
              float       xalign,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One line of the receipt: what on the left, how much on the right. Both
 * labels get `css_class`, so a line can be found and styled as a whole. */
static void
add_line (GtkGrid    *grid,
          int         row,
          const char *title,
          const char *value,
          const char *css_class)
{
  GtkWidget *title_label = create_label (title, 0, css_class);
  GtkWidget *value_label = create_label (value, 1, css_class);

  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_widget_set_valign (value_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (value_label, "numeric");

  gtk_grid_attach (grid, title_label, 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
}

/* Money with a real minus sign, as on a receipt: "−5.00 €". */
static char *
format_money (KtMoney     amount,
              const char *currency)
{
  g_autofree char *value = kt_money_format_currency (ABS (amount), currency);

  if (amount >= 0)
    return g_steal_pointer (&value);
  return g_strconcat ("−", value, NULL);
}

static void
add_money_line (GtkGrid    *grid,
                int         row,
                const char *title,
                KtMoney     amount,
                const char *currency,
                const char *css_class)
{
  g_autofree char *value = format_money (amount, currency);

  add_line (grid, row, title, value, css_class);
}

/* Money taken off: "−5.00 €". */
static void
add_deduction_line (GtkGrid    *grid,
                    int         row,
                    const char *title,
                    KtMoney     amount,
                    const char *currency,
                    const char *css_class)
{
  add_money_line (grid, row, title, -ABS (amount), currency, css_class);
}

/* Amount, discount lines and their total, points paid with. */
static void
show_lines (KtQuoteView   *self,
            const KtQuote *quote,
            const char    *currency)
{
  GtkGrid *grid = self->lines_grid;
  int row = 0;

  remove_children (GTK_WIDGET (grid));
  add_money_line (grid, row++, _("Amount"), quote->amount, currency, "quote-amount");

  for (guint i = 0; i < quote->lines->len; i++)
    {
      const KtQuoteLine *line = g_ptr_array_index (quote->lines, i);

      add_deduction_line (grid, row++, line->reason, line->amount, currency, "quote-line");
    }

  if (quote->lines->len == 0)
    add_line (grid, row++, _("No discount applies"), "", "dim-label");
  else if (quote->lines->len > 1 || quote->limited)
    add_deduction_line (grid, row++, _("Total discount"), quote->discount, currency,
                        "quote-discount");

  if (quote->limited)
    {
      GtkWidget *note = create_label (_("Limited by the shop’s maximum discount"), 0, "caption");

      gtk_widget_add_css_class (note, "quote-limited");
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_grid_attach (grid, note, 0, row++, 2, 1);
    }

  if (quote->points_redeemed > 0)
    {
      g_autofree char *points = kt_format_points (quote->points_redeemed);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%s point redeemed",
                                                             "%s points redeemed",
                                                             (gulong) quote->points_redeemed),
                                                points);

      add_deduction_line (grid, row++, title, quote->points_redeemed, currency,
                          "quote-redeemed");
    }
}

/* The amount to pay, and how the gift card splits it. */
static void
show_payable (KtQuoteView   *self,
              const KtQuote *quote,
              const char    *currency)
{
  GtkGrid *grid = self->pay_grid;
  int row = 0;

  remove_children (GTK_WIDGET (grid));
  add_money_line (grid, row++, _("To pay"), quote->payable, currency, "quote-payable");

  if (quote->gift_payable > 0)
    {
      add_money_line (grid, row++, _("From the gift card"), quote->gift_payable, currency,
                      "quote-gift");
      add_money_line (grid, row++, _("Rest to pay"), quote->payable - quote->gift_payable,
                      currency, "quote-gift");
    }
}

static char *
describe_points (const KtQuote *quote)
{
  g_autofree char *points = kt_format_points (quote->points_earned);
  g_autofree char *earned = NULL;
  g_autofree char *usable = NULL;

  earned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%s point", "+%s points",
                                         (gulong) ABS (quote->points_earned)),
                            points);
  if (quote->points_earned == 0 || quote->points_usable_on == NULL)
    return g_steal_pointer (&earned);

  usable = kt_format_date (quote->points_usable_on);
  if (quote->points_expire_on != NULL)
    {
      g_autofree char *expire = kt_format_date (quote->points_expire_on);

      /* TRANSLATORS: "+95 points, usable from 3 Apr 2026, expire on 3 Apr 2027" */
      return g_strdup_printf (_("%s, usable from %s, expire on %s"), earned, usable, expire);
    }

  /* TRANSLATORS: "+95 points, usable from 3 Apr 2026" */
  return g_strdup_printf (_("%s, usable from %s"), earned, usable);
}

static void
show_notices (KtQuoteView   *self,
              const KtQuote *quote)
{
  remove_children (GTK_WIDGET (self->notices_box));

  for (guint i = 0; i < quote->notices->len; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-favorite-symbolic");
      g_autofree char *text = g_strdup_printf (_("Hand over: %s"),
                                               (const char *) g_ptr_array_index (quote->notices, i));
      GtkWidget *label = create_label (text, 0, "quote-notice");

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (box, "quote-notice");
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (self->notices_box, box);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notices_box), quote->notices->len > 0);
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_quote_view_dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_QUOTE_VIEW);

  G_OBJECT_CLASS (kt_quote_view_parent_class)->dispose (object);
}

static void
kt_quote_view_class_init (KtQuoteViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_quote_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-quote-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KtQuoteView, stack);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteView, message_label);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteView, tier_label);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteView, lines_grid);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteView, pay_grid);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteView, points_box);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteView, points_label);
  gtk_widget_class_bind_template_child (widget_class, KtQuoteView, notices_box);
}

static void
kt_quote_view_init (KtQuoteView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_quote_view_new:
 *
 * Returns: (transfer floating): an empty quote view
 */
GtkWidget *
kt_quote_view_new (void)
{
  return g_object_new (KT_TYPE_QUOTE_VIEW, NULL);
}

/**
 * kt_quote_view_set_quote:
 * @self: a #KtQuoteView
 * @quote: (nullable): the quote to show; %NULL clears the view
 * @currency: (nullable): the shop's currency code
 *
 * Shows @quote. Nothing of it is kept: call again when it changes.
 */
void
kt_quote_view_set_quote (KtQuoteView   *self,
                         const KtQuote *quote,
                         const char    *currency)
{
  g_return_if_fail (KT_IS_QUOTE_VIEW (self));

  if (quote == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (quote->tier != NULL && *quote->tier != '\0')
    gtk_label_set_text (self->tier_label, quote->tier);
  gtk_widget_set_visible (GTK_WIDGET (self->tier_label),
                          quote->tier != NULL && *quote->tier != '\0');

  show_lines (self, quote, currency);
  show_payable (self, quote, currency);

  if (quote->points_scheme_id != 0)
    {
      g_autofree char *points = describe_points (quote);

      gtk_label_set_text (self->points_label, points);
    }
  gtk_widget_set_visible (self->points_box, quote->points_scheme_id != 0);

  show_notices (self, quote);
  gtk_stack_set_visible_child_name (self->stack, "quote");
}

/**
 * kt_quote_view_set_message:
 * @self: a #KtQuoteView
 * @message: (nullable): why there is no quote; %NULL clears the view
 *
 * Shows a refusal (a bad amount, a card that is not accepted, too many
 * points) where the quote would be.
 */
void
kt_quote_view_set_message (KtQuoteView *self,
                           const char  *message)
{
  g_return_if_fail (KT_IS_QUOTE_VIEW (self));

  if (message == NULL || *message == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_label_set_text (self->message_label, message);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

/**
 * kt_quote_view_format_deduction:
 * @amount: money taken off, zero or more
 * @currency: (nullable): the shop's currency code
 *
 * Returns: (transfer full): @amount as a deduction, "−5.00 ₴", with a
 *   real minus sign as on a receipt
 */
char *
kt_quote_view_format_deduction (KtMoney     amount,
                                const char *currency)
{
  return format_money (-ABS (amount), currency);
}
