/* kt-card-preview.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One side of a card design as it will look, scaled to fit, with dashed
 * boxes around its fields: the design editor's live preview. The same
 * drawing code as the printer's (kt_card_render_side()); a field can be
 * picked and dragged to a new place with the pointer.
 */

#define G_LOG_DOMAIN "kt-card-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "output/kt-card-render.h"
#include "kt-card-preview.h"

/* Room around the card for its shadow, in pixels. */
#define MARGIN 16.0

struct _KtCardPreview
{
  GtkDrawingArea      parent_instance;

  const KtCardDesign *design;      /* not owned */
  KtCardSide          side;
  char               *shop_name;
  int                 selected;

  /* A field being dragged: where it was when the drag began. */
  int                 dragged;
  double              drag_start_x;
  double              drag_start_y;
};

G_DEFINE_FINAL_TYPE (KtCardPreview, kt_card_preview, GTK_TYPE_DRAWING_AREA)

enum {
  SELECT_FIELD,
  MOVE_FIELD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- geometry ------------------------------------------------------------ */

/* Where the card lies in the widget: its top left corner in pixels and
 * pixels per millimetre. */
typedef struct
{
  double x;
  double y;
  double scale;
} Placement;

static Placement
placement (KtCardPreview *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  Placement place;

  place.scale = MIN ((width - 2 * MARGIN) / KT_CARD_WIDTH_MM,
                     (height - 2 * MARGIN) / KT_CARD_HEIGHT_MM);
  place.scale = MAX (place.scale, 0.5);
  place.x = floor ((width - KT_CARD_WIDTH_MM * place.scale) / 2);
  place.y = floor ((height - KT_CARD_HEIGHT_MM * place.scale) / 2);
  return place;
}

static const KtCardField *
field_of (KtCardPreview *self,
          int            index)
{
  if (self->design == NULL || index < 0 || (guint) index >= self->design->fields->len)
    return NULL;
  return g_ptr_array_index (self->design->fields, index);
}

/* ---- drawing ------------------------------------------------------------- */

static void
rounded_card_path (cairo_t *cr,
                   double   scale)
{
  /* The path keeps the scale it was made with. */
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  kt_card_render_outline_path (cr);
  cairo_restore (cr);
}

/* A soft shadow under the card, as under a card lying on a desk. */
static void
draw_shadow (cairo_t *cr,
             double   scale)
{
  for (int i = 3; i >= 1; i--)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, i);
      cairo_scale (cr, 1 + i * 0.004, 1 + i * 0.006);
      rounded_card_path (cr, scale);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.07);
      cairo_fill (cr);
      cairo_restore (cr);
    }
}

static void
draw_selection (KtCardPreview *self,
                cairo_t       *cr,
                double         scale)
{
  const KtCardField *field = field_of (self, self->selected);

  if (field == NULL || field->side != self->side)
    return;

  /* Adwaita's accent blue, with a white edge so that it shows on any
   * background. */
  cairo_rectangle (cr, field->x * scale, field->y * scale,
                   field->width * scale, field->height * scale);
  cairo_set_line_width (cr, 4);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgb (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
  cairo_stroke (cr);
}

/* Why the side cannot be printed, across the bottom of the card. */
static void
draw_problem (KtCardPreview *self,
              cairo_t       *cr,
              double         scale,
              const char    *message)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), message);
  double width = KT_CARD_WIDTH_MM * scale;
  int text_width, text_height;

  pango_layout_set_width (layout, (int) ((width - 24) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  cairo_rectangle (cr, 0, KT_CARD_HEIGHT_MM * scale - text_height - 12, width, text_height + 12);
  cairo_set_source_rgba (cr, 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0, 0.92);
  cairo_fill (cr);

  cairo_move_to (cr, 12, KT_CARD_HEIGHT_MM * scale - text_height - 6);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  KtCardPreview *self = KT_CARD_PREVIEW (area);
  g_autoptr(GError) error = NULL;
  Placement place;
  gboolean drawn;

  if (self->design == NULL)
    return;

  place = placement (self);
  cairo_translate (cr, place.x, place.y);
  draw_shadow (cr, place.scale);

  cairo_save (cr);
  cairo_scale (cr, place.scale, place.scale);
  drawn = kt_card_render_side (cr, self->design, self->side, self->shop_name, NULL, 0.0,
                               KT_CARD_RENDER_PREVIEW | KT_CARD_RENDER_OUTLINE, &error);
  cairo_restore (cr);

  draw_selection (self, cr, place.scale);
  if (!drawn)
    draw_problem (self, cr, place.scale, error->message);
}

/* ---- pointer ------------------------------------------------------------- */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               KtCardPreview  *self)
{
  int index = kt_card_preview_field_at (self, x, y);
  const KtCardField *field = field_of (self, index);

  self->dragged = -1;
  if (field == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->dragged = index;
  self->drag_start_x = field->x;
  self->drag_start_y = field->y;
  g_signal_emit (self, signals[SELECT_FIELD], 0, index);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                KtCardPreview  *self)
{
  const KtCardField *field = field_of (self, self->dragged);
  Placement place = placement (self);
  double x, y;

  if (field == NULL)
    return;

  /* Whole tenths of a millimetre, as the position fields show them, and
   * never off the card. */
  x = CLAMP (self->drag_start_x + offset_x / place.scale, 0.0, KT_CARD_WIDTH_MM - field->width);
  y = CLAMP (self->drag_start_y + offset_y / place.scale, 0.0, KT_CARD_HEIGHT_MM - field->height);
  x = round (x * 10) / 10;
  y = round (y * 10) / 10;

  if (x != field->x || y != field->y)
    g_signal_emit (self, signals[MOVE_FIELD], 0, self->dragged, x, y);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             KtCardPreview  *self)
{
  self->dragged = -1;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           KtCardPreview            *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   kt_card_preview_field_at (self, x, y) >= 0 ? "move" : NULL);
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_card_preview_finalize (GObject *object)
{
  KtCardPreview *self = KT_CARD_PREVIEW (object);

  g_clear_pointer (&self->shop_name, g_free);

  G_OBJECT_CLASS (kt_card_preview_parent_class)->finalize (object);
}

static void
kt_card_preview_class_init (KtCardPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kt_card_preview_finalize;

  /**
   * KtCardPreview::select-field:
   * @self: the preview
   * @field: the index of the field the pointer picked
   */
  signals[SELECT_FIELD] =
    g_signal_new ("select-field",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * KtCardPreview::move-field:
   * @self: the preview
   * @field: the index of the field dragged
   * @x: where its left edge should go, in millimetres
   * @y: where its top edge should go
   *
   * The preview does not change the design: the owner of the design does.
   */
  signals[MOVE_FIELD] =
    g_signal_new ("move-field",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kt_card_preview_init (KtCardPreview *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->selected = -1;
  self->dragged = -1;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 280);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 190);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/* ---- public API ---------------------------------------------------------- */

GtkWidget *
kt_card_preview_new (void)
{
  return g_object_new (KT_TYPE_CARD_PREVIEW, NULL);
}

void
kt_card_preview_set_design (KtCardPreview      *self,
                            const KtCardDesign *design)
{
  g_return_if_fail (KT_IS_CARD_PREVIEW (self));

  self->design = design;
  self->dragged = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kt_card_preview_set_side (KtCardPreview *self,
                          KtCardSide     side)
{
  g_return_if_fail (KT_IS_CARD_PREVIEW (self));

  self->side = side;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

KtCardSide
kt_card_preview_get_side (KtCardPreview *self)
{
  g_return_val_if_fail (KT_IS_CARD_PREVIEW (self), KT_CARD_FRONT);

  return self->side;
}

void
kt_card_preview_set_shop_name (KtCardPreview *self,
                               const char    *shop_name)
{
  g_return_if_fail (KT_IS_CARD_PREVIEW (self));

  g_free (self->shop_name);
  self->shop_name = g_strdup (shop_name);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kt_card_preview_set_selected (KtCardPreview *self,
                              int            field)
{
  g_return_if_fail (KT_IS_CARD_PREVIEW (self));

  if (self->selected == field)
    return;
  self->selected = field;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kt_card_preview_changed (KtCardPreview *self)
{
  g_return_if_fail (KT_IS_CARD_PREVIEW (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
kt_card_preview_field_at (KtCardPreview *self,
                          double         x,
                          double         y)
{
  Placement place;
  double mm_x, mm_y;

  g_return_val_if_fail (KT_IS_CARD_PREVIEW (self), -1);

  if (self->design == NULL)
    return -1;

  place = placement (self);
  mm_x = (x - place.x) / place.scale;
  mm_y = (y - place.y) / place.scale;

  /* The field drawn last is on top. */
  for (int i = (int) self->design->fields->len - 1; i >= 0; i--)
    {
      const KtCardField *field = g_ptr_array_index (self->design->fields, i);

      if (field->side == self->side &&
          mm_x >= field->x && mm_x <= field->x + field->width &&
          mm_y >= field->y && mm_y <= field->y + field->height)
        return i;
    }
  return -1;
}
