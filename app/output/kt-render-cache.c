/* kt-render-cache.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing ten thousand cards draws the same fonts, logos and shop name
 * ten thousand times. Parsing a font, decoding a PNG or shaping a text is
 * what costs; this keeps their results per thread (Pango's cairo font map
 * is per thread too, and a print job may run beside the preview).
 */

#define G_LOG_DOMAIN "kt-render-cache"

#include "config.h"

#include <pango/pangocairo.h>
#include <string.h>
#ifdef KT_HAVE_RSVG
#include <librsvg/rsvg.h>
#endif

#include "output/kt-render-cache.h"

/* Bounds that keep a long-lived window's cache small: a design has a
 * handful of fonts and images; texts are mostly one per card. */
#define FONTS_MAX 64
#define IMAGES_MAX 16
#define TEXTS_MAX 1024

/* Pango turns points into user units at this many "dots" per inch; with
 * 25.4 a point is 25.4 / 72 mm, its printed size. */
#define MM_PER_INCH 25.4

typedef struct
{
  GBytes          *bytes;     /* the key, referenced so its address stays its own */
  cairo_surface_t *surface;   /* NULL: not an image we can draw */
  double           width;
  double           height;
} CachedImage;

typedef struct
{
  PangoContext *context;
  GHashTable   *fonts;        /* char * → PangoFontDescription * */
  GHashTable   *images;       /* GBytes * → CachedImage * */
  GHashTable   *texts;        /* char * → KtRenderText * */
} RenderCache;

static void
cached_image_free (gpointer data)
{
  CachedImage *image = data;

  g_clear_pointer (&image->surface, cairo_surface_destroy);
  g_bytes_unref (image->bytes);
  g_free (image);
}

static void
render_text_free (gpointer data)
{
  KtRenderText *text = data;

  g_object_unref (text->layout);
  g_free (text);
}

static void
render_cache_free (gpointer data)
{
  RenderCache *cache = data;

  g_hash_table_unref (cache->texts);
  g_hash_table_unref (cache->images);
  g_hash_table_unref (cache->fonts);
  g_object_unref (cache->context);
  g_free (cache);
}

static GPrivate cache_key = G_PRIVATE_INIT (render_cache_free);

static RenderCache *
render_cache_get (void)
{
  RenderCache *cache = g_private_get (&cache_key);
  cairo_font_options_t *options;

  if (cache != NULL)
    return cache;

  cache = g_new0 (RenderCache, 1);
  cache->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (cache->context, MM_PER_INCH);
  pango_context_set_round_glyph_positions (cache->context, FALSE);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (cache->context, options);
  cairo_font_options_destroy (options);

  cache->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) pango_font_description_free);
  cache->images = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, cached_image_free);
  cache->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, render_text_free);
  g_private_set (&cache_key, cache);
  return cache;
}

PangoContext *
kt_render_cache_context (void)
{
  return render_cache_get ()->context;
}

const PangoFontDescription *
kt_render_cache_font (const char *font)
{
  RenderCache *cache = render_cache_get ();
  PangoFontDescription *description = g_hash_table_lookup (cache->fonts, font);

  if (description != NULL)
    return description;

  if (g_hash_table_size (cache->fonts) >= FONTS_MAX)
    g_hash_table_remove_all (cache->fonts);
  description = pango_font_description_from_string (font);
  g_hash_table_insert (cache->fonts, g_strdup (font), description);
  return description;
}

/* ---- images ---------------------------------------------------------------- */

typedef struct
{
  const guchar *data;
  gsize         left;
} PngReader;

static cairo_status_t
png_read (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (length > reader->left)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data, length);
  reader->data += length;
  reader->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
png_decode (GBytes *bytes,
            double *out_width,
            double *out_height)
{
  PngReader reader;
  cairo_surface_t *surface;

  reader.data = g_bytes_get_data (bytes, &reader.left);
  surface = cairo_image_surface_create_from_png_stream (png_read, &reader);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_debug ("A PNG image of the design cannot be read: %s",
               cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  *out_width = cairo_image_surface_get_width (surface);
  *out_height = cairo_image_surface_get_height (surface);
  return surface;
}

#ifdef KT_HAVE_RSVG
/* An SVG is drawn once into a recording surface: painting that again
 * replays vector paths (sharp at any size), and a PDF keeps one copy. */
static cairo_surface_t *
svg_record (GBytes *bytes,
            double *out_width,
            double *out_height)
{
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  RsvgRectangle viewport = { 0, 0, 0, 0 };
  cairo_rectangle_t extents;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean drawn;

  handle = rsvg_handle_new_from_data (data, length, &error);
  if (handle == NULL)
    {
      g_debug ("An SVG image of the design cannot be read: %s", error->message);
      return NULL;
    }

  if (!rsvg_handle_get_intrinsic_size_in_pixels (handle, &viewport.width, &viewport.height))
    {
      gboolean has_width, has_height, has_viewbox;
      RsvgLength width, height;
      RsvgRectangle viewbox;

      rsvg_handle_get_intrinsic_dimensions (handle, &has_width, &width, &has_height, &height,
                                            &has_viewbox, &viewbox);
      if (!has_viewbox)
        {
          g_object_unref (handle);
          return NULL;
        }
      viewport.width = viewbox.width;
      viewport.height = viewbox.height;
    }
  if (!(viewport.width > 0.0 && viewport.height > 0.0))
    {
      g_object_unref (handle);
      return NULL;
    }

  extents = (cairo_rectangle_t) { 0, 0, viewport.width, viewport.height };
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (surface);
  drawn = rsvg_handle_render_document (handle, cr, &viewport, &error);
  cairo_destroy (cr);
  g_object_unref (handle);
  if (!drawn)
    {
      g_debug ("An SVG image of the design cannot be drawn: %s", error->message);
      cairo_surface_destroy (surface);
      return NULL;
    }

  *out_width = viewport.width;
  *out_height = viewport.height;
  return surface;
}
#endif

cairo_surface_t *
kt_render_cache_image (const KtCardImage *image,
                       double            *out_width,
                       double            *out_height)
{
  RenderCache *cache = render_cache_get ();
  CachedImage *cached;

  if (image->bytes == NULL)
    return NULL;

  cached = g_hash_table_lookup (cache->images, image->bytes);
  if (cached == NULL)
    {
      if (g_hash_table_size (cache->images) >= IMAGES_MAX)
        g_hash_table_remove_all (cache->images);

      cached = g_new0 (CachedImage, 1);
      cached->bytes = g_bytes_ref (image->bytes);
      if (g_strcmp0 (image->mime_type, "image/png") == 0)
        cached->surface = png_decode (image->bytes, &cached->width, &cached->height);
#ifdef KT_HAVE_RSVG
      else if (g_strcmp0 (image->mime_type, "image/svg+xml") == 0)
        cached->surface = svg_record (image->bytes, &cached->width, &cached->height);
#endif
      g_hash_table_insert (cache->images, cached->bytes, cached);
    }

  *out_width = cached->width;
  *out_height = cached->height;
  return cached->surface;
}

/* ---- text -------------------------------------------------------------------- */

const KtRenderText *
kt_render_cache_text_lookup (const char *key)
{
  return g_hash_table_lookup (render_cache_get ()->texts, key);
}

const KtRenderText *
kt_render_cache_text_insert (const char  *key,
                             PangoLayout *layout,
                             double       dx,
                             double       dy)
{
  RenderCache *cache = render_cache_get ();
  KtRenderText *text = g_new (KtRenderText, 1);

  if (g_hash_table_size (cache->texts) >= TEXTS_MAX)
    g_hash_table_remove_all (cache->texts);

  text->layout = layout;
  text->dx = dx;
  text->dy = dy;
  g_hash_table_replace (cache->texts, g_strdup (key), text);
  return text;
}
