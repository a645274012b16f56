package catalog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/filestore"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Upload routes take bodies larger than the API's default limit (see MediaBodyLimits).
const (
	ImageRoute     = "/api/v1/admin/products/:id/images"
	VideoRoute     = "/api/v1/admin/products/:id/videos"
	DatasheetRoute = "/api/v1/admin/products/:id/datasheets"
)

// multipartSlack covers the multipart framing and the small text fields around a file.
const multipartSlack = 64 << 10

// MediaBodyLimits are the request body limits of the upload routes: a file at its limit fits,
// with room for the form around it. A larger file is refused with 413 as soon as its
// Content-Length says so; one just over its own limit gets a 422 that names the limit.
func MediaBodyLimits(l MediaLimits) map[string]int64 {
	return map[string]int64{
		ImageRoute:     l.Image.MaxBytes + multipartSlack,
		VideoRoute:     l.MaxVideoBytes + l.Image.MaxBytes + multipartSlack,
		DatasheetRoute: l.MaxDatasheetBytes + multipartSlack,
	}
}

// MediaURL is where a stored media file is served. URLs are relative to the server (apps resolve
// them against the API's base URL), so they survive a change of host name or a proxy in front.
func MediaURL(key string) string {
	if key == "" {
		return ""
	}
	return "/media/" + key
}

// Thumbnails are image URLs at about 160, 480 and 1024 pixels wide (a smaller image's own file
// stands in for sizes it does not reach: images are never upscaled).
type Thumbnails struct {
	Small  string `json:"small" validate:"required"`
	Medium string `json:"medium" validate:"required"`
	Large  string `json:"large" validate:"required"`
} // @name catalog.Thumbnails

// ImageView is a product image.
type ImageView struct {
	ID         string     `json:"id" validate:"required"`
	URL        string     `json:"url" validate:"required" example:"/media/img/2f1c….jpg"`
	Alt        string     `json:"alt" validate:"required"`
	Width      int        `json:"width" validate:"required"`
	Height     int        `json:"height" validate:"required"`
	Thumbnails Thumbnails `json:"thumbnails" validate:"required"`
} // @name catalog.Image

// VideoView is an uploaded video (kind file: url and poster_url) or a linked one (youtube,
// vimeo: embed_url, to be shown in an iframe).
type VideoView struct {
	ID        string  `json:"id" validate:"required"`
	Kind      string  `json:"kind" validate:"required" enums:"file,youtube,vimeo"`
	URL       *string `json:"url,omitempty"`
	EmbedURL  *string `json:"embed_url,omitempty" example:"https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"`
	PosterURL *string `json:"poster_url,omitempty"`
	Title     string  `json:"title" validate:"required"`
} // @name catalog.Video

// DatasheetView is a PDF datasheet.
type DatasheetView struct {
	ID    string `json:"id" validate:"required"`
	Title string `json:"title" validate:"required"`
	URL   string `json:"url" validate:"required"`
	Bytes int64  `json:"bytes" validate:"required"`
} // @name catalog.Datasheet

// MediaView is any media item as staff manage it; fields not of its kind are omitted.
type MediaView struct {
	ID         string      `json:"id" validate:"required"`
	Kind       MediaKind   `json:"kind" validate:"required" enums:"image,video,youtube,vimeo,datasheet"`
	Position   int         `json:"position" validate:"required"`
	URL        *string     `json:"url,omitempty"`
	Alt        *string     `json:"alt,omitempty"`
	Title      *string     `json:"title,omitempty"`
	Width      *int        `json:"width,omitempty"`
	Height     *int        `json:"height,omitempty"`
	Thumbnails *Thumbnails `json:"thumbnails,omitempty"`
	EmbedURL   *string     `json:"embed_url,omitempty"`
	PosterURL  *string     `json:"poster_url,omitempty"`
	Bytes      *int64      `json:"bytes,omitempty"`
} // @name catalog.Media

// MediaList is a product's media in display order.
type MediaList struct {
	Items []MediaView `json:"items" validate:"required"`
} // @name catalog.MediaList

func imageView(m ProductMedia) ImageView {
	return ImageView{ID: m.ID.String(), URL: MediaURL(m.StorageKey), Alt: m.Alt, Width: m.Width, Height: m.Height,
		Thumbnails: Thumbnails{Small: MediaURL(m.ThumbSmallKey), Medium: MediaURL(m.ThumbMediumKey), Large: MediaURL(m.ThumbLargeKey)}}
}

func videoView(m ProductMedia) VideoView {
	v := VideoView{ID: m.ID.String(), Title: m.Title}
	if m.Kind == MediaVideo {
		url, poster := MediaURL(m.StorageKey), MediaURL(m.PosterKey)
		v.Kind, v.URL, v.PosterURL = "file", &url, &poster
	} else {
		embed := EmbedURL(m.Kind, m.ExternalID)
		v.Kind, v.EmbedURL = string(m.Kind), &embed
	}
	return v
}

func datasheetView(m ProductMedia) DatasheetView {
	return DatasheetView{ID: m.ID.String(), Title: m.Title, URL: MediaURL(m.StorageKey), Bytes: m.Bytes}
}

func mediaView(m ProductMedia) MediaView {
	v := MediaView{ID: m.ID.String(), Kind: m.Kind, Position: m.Position}
	switch m.Kind {
	case MediaImage:
		iv := imageView(m)
		v.URL, v.Alt, v.Width, v.Height, v.Thumbnails = &iv.URL, &iv.Alt, &iv.Width, &iv.Height, &iv.Thumbnails
	case MediaVideo, MediaYouTube, MediaVimeo:
		vv := videoView(m)
		v.URL, v.EmbedURL, v.PosterURL, v.Title = vv.URL, vv.EmbedURL, vv.PosterURL, &vv.Title
		if m.Kind == MediaVideo {
			v.Bytes = &m.Bytes
		}
	case MediaDatasheet:
		dv := datasheetView(m)
		v.URL, v.Title, v.Bytes = &dv.URL, &dv.Title, &dv.Bytes
	}
	return v
}

// setMedia fills a product view's images, videos and datasheets (already in display order).
func (v *ProductView) setMedia(ms []ProductMedia) {
	v.Images, v.Videos, v.Datasheets = []ImageView{}, []VideoView{}, []DatasheetView{}
	for _, m := range ms {
		switch m.Kind {
		case MediaImage:
			v.Images = append(v.Images, imageView(m))
		case MediaVideo, MediaYouTube, MediaVimeo:
			v.Videos = append(v.Videos, videoView(m))
		case MediaDatasheet:
			v.Datasheets = append(v.Datasheets, datasheetView(m))
		}
	}
}

// attachMedia fills the media of every view in one query. Views are of products the caller may
// see (the list and get queries already applied the audience), so B2B media never reach others.
func (h *Handler) attachMedia(ctx context.Context, views []ProductView) error {
	ids := make([]uuid.UUID, 0, len(views))
	for _, v := range views {
		if id, err := uuid.Parse(v.ID); err == nil {
			ids = append(ids, id)
		}
	}
	media, err := h.svc.MediaOf(ctx, ids)
	if err != nil {
		return err
	}
	for i := range views {
		id, _ := uuid.Parse(views[i].ID)
		views[i].setMedia(media[id])
	}
	return nil
}

// MediaHandler serves media uploads for staff and the media files for everyone.
type MediaHandler struct {
	svc *MediaService
}

func NewMediaHandler(svc *MediaService) *MediaHandler { return &MediaHandler{svc: svc} }

// Register adds the staff routes (editors: the /admin set for sales and admin).
func (h *MediaHandler) Register(editors *httpx.Routes) {
	editors.GET("/products/:id/media", h.list)
	editors.POST("/products/:id/images", h.addImage)
	editors.POST("/products/:id/videos", h.addVideo)
	editors.POST("/products/:id/video-links", h.addVideoLink)
	editors.POST("/products/:id/datasheets", h.addDatasheet)
	editors.PUT("/products/:id/media/order", h.reorder)
	editors.PATCH("/products/:id/media/:media_id", h.update)
	editors.DELETE("/products/:id/media/:media_id", h.delete)
}

// RegisterFiles serves stored media at /media/{key} (outside /api: browsers load them directly).
func (h *MediaHandler) RegisterFiles(e *echo.Echo) {
	e.GET("/media/*", h.serve)
	e.HEAD("/media/*", h.serve)
}

func productID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, ErrProductNotFound
	}
	return id, nil
}

// allowSlowUpload gives an upload (and its answer) more time than the server's read and write
// timeouts, which are sized for JSON: a 200 MiB video on a slow uplink takes minutes.
func allowSlowUpload(c echo.Context, d time.Duration) {
	rc := http.NewResponseController(c.Response())
	_ = rc.SetReadDeadline(time.Now().Add(d)) // not supported under httptest: fine
	_ = rc.SetWriteDeadline(time.Now().Add(d))
}

// eachPart walks a multipart/form-data body part by part without buffering it (unlike
// ParseMultipartForm, which spools large files to temporary files first).
func eachPart(c echo.Context, fn func(name string, p *multipart.Part) error) error {
	mr, err := c.Request().MultipartReader()
	if err != nil {
		return echo.NewHTTPError(http.StatusUnsupportedMediaType, "send the upload as multipart/form-data")
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return mbe
			}
			return echo.NewHTTPError(http.StatusBadRequest, "the multipart/form-data body is malformed")
		}
		name := p.FormName()
		if name == "" {
			p.Close()
			continue
		}
		err = fn(name, p)
		p.Close()
		if err != nil {
			return err
		}
	}
}

// readPart reads a part of at most limit bytes; more gives tooLarge (the body limit's 413 stays
// a 413).
func readPart(p io.Reader, limit int64, tooLarge error) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(p, limit+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, mbe
		}
		return nil, echo.NewHTTPError(http.StatusBadRequest, "the upload was cut off")
	}
	if int64(len(b)) > limit {
		return nil, tooLarge
	}
	return b, nil
}

func readText(name string, p io.Reader) (string, error) {
	b, err := readPart(p, 4<<10, apperr.Field(name, "is too long"))
	return string(b), err
}

func unknownField(name string) error {
	return apperr.Field(name, "is not a field of this upload")
}

func onceOnly(name string) error { return apperr.Field(name, "must be sent once") }

// list godoc
// @Summary     A product's media
// @Description Images, videos and datasheets in display order (one sequence for all kinds).
// @Tags        catalog
// @Produce     json
// @Security    BearerAuth
// @Param       id path string true "product id"
// @Success     200 {object} MediaList
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Router      /api/v1/admin/products/{id}/media [get]
func (h *MediaHandler) list(c echo.Context) error {
	id, err := productID(c)
	if err != nil {
		return err
	}
	ms, err := h.svc.List(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, mediaList(ms))
}

func mediaList(ms []ProductMedia) MediaList {
	out := MediaList{Items: make([]MediaView, len(ms))}
	for i, m := range ms {
		out.Items[i] = mediaView(m)
	}
	return out
}

// addImage godoc
// @Summary     Upload a product image
// @Description A JPEG, PNG or WebP (the type is read from the file's content, never its name) of at most OMS_MEDIA_MAX_IMAGE_BYTES (10 MiB by default) and at most 8000 pixels a side and 40 megapixels. The image is re-encoded (JPEG, or PNG when it has transparency), which removes EXIF data such as GPS positions; the EXIF orientation is applied first. Thumbnails are made 160, 480 and 1024 pixels wide (never upscaled). The image goes after the product's other media.
// @Tags        catalog
// @Accept      multipart/form-data
// @Produce     json
// @Security    BearerAuth
// @Param       id   path     string true  "product id"
// @Param       file formData file   true  "the image"
// @Param       alt  formData string false "alternative text for screen readers (≤ 300 characters)"
// @Success     201 {object} MediaView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "the product has the most media it may have"
// @Failure     413 {object} httpx.Problem
// @Failure     415 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/products/{id}/images [post]
func (h *MediaHandler) addImage(c echo.Context) error {
	id, err := productID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.CheckProduct(ctx, id); err != nil {
		return err
	}
	allowSlowUpload(c, 5*time.Minute)
	var (
		data     []byte
		alt      string
		gotFile  bool
		maxBytes = h.svc.Limits().Image.MaxBytes
	)
	err = eachPart(c, func(name string, p *multipart.Part) error {
		var err error
		switch name {
		case "file":
			if gotFile {
				return onceOnly(name)
			}
			gotFile = true
			data, err = readPart(p, maxBytes, apperr.Field("file", "must be at most "+mib(maxBytes)))
		case "alt":
			alt, err = readText(name, p)
		default:
			err = unknownField(name)
		}
		return err
	})
	if err != nil {
		return err
	}
	if !gotFile {
		return apperr.Field("file", `is required: send the image as multipart/form-data field "file"`)
	}
	m, err := h.svc.AddImage(ctx, id, data, alt)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, mediaView(m))
}

// addVideo godoc
// @Summary     Upload a product video
// @Description An MP4 or WebM file (the type is read from the file's content) of at most OMS_MEDIA_MAX_VIDEO_BYTES (200 MiB by default), streamed to storage, with a poster image (JPEG, PNG or WebP, processed like an image) shown before it plays.
// @Tags        catalog
// @Accept      multipart/form-data
// @Produce     json
// @Security    BearerAuth
// @Param       id     path     string true  "product id"
// @Param       file   formData file   true  "the video"
// @Param       poster formData file   true  "the poster image"
// @Param       title  formData string false "title (≤ 200 characters)"
// @Success     201 {object} MediaView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     413 {object} httpx.Problem
// @Failure     415 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/products/{id}/videos [post]
func (h *MediaHandler) addVideo(c echo.Context) error {
	id, err := productID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.CheckProduct(ctx, id); err != nil {
		return err
	}
	allowSlowUpload(c, 30*time.Minute)
	var (
		video      StagedFile
		poster     []byte
		title      string
		gotPoster  bool
		maxPoster  = h.svc.Limits().Image.MaxBytes
		videoCount int
	)
	err = eachPart(c, func(name string, p *multipart.Part) error {
		var err error
		switch name {
		case "file":
			if videoCount++; videoCount > 1 {
				return onceOnly(name)
			}
			video, err = h.svc.StageVideo(ctx, p)
		case "poster":
			if gotPoster {
				return onceOnly(name)
			}
			gotPoster = true
			poster, err = readPart(p, maxPoster, apperr.Field("poster", "must be at most "+mib(maxPoster)))
		case "title":
			title, err = readText(name, p)
		default:
			err = unknownField(name)
		}
		return err
	})
	if err != nil {
		h.svc.Discard(ctx, video)
		return err
	}
	m, err := h.svc.AddVideo(ctx, id, video, poster, title) // deletes the staged video on error
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, mediaView(m))
}

// VideoLinkRequest links a YouTube or Vimeo video.
type VideoLinkRequest struct {
	URL   string `json:"url" validate:"required,max=2048" example:"https://www.youtube.com/watch?v=M7lc1UVf-VE"`
	Title string `json:"title" validate:"max=200" example:"Unboxing and first use"`
} // @name catalog.VideoLinkRequest

// addVideoLink godoc
// @Summary     Link a YouTube or Vimeo video
// @Description Accepts youtube.com/watch?v=ID, youtu.be/ID, youtube.com/embed/ID, youtube.com/shorts/ID, vimeo.com/123 and player.vimeo.com/video/123. Only the provider and the id are stored; the API answers with an embed URL the server builds (youtube-nocookie.com, player.vimeo.com). Anything else is 422.
// @Tags        catalog
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       id   path string           true "product id"
// @Param       body body VideoLinkRequest true "the link"
// @Success     201 {object} MediaView
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/products/{id}/video-links [post]
func (h *MediaHandler) addVideoLink(c echo.Context) error {
	id, err := productID(c)
	if err != nil {
		return err
	}
	var req VideoLinkRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	m, err := h.svc.AddVideoLink(c.Request().Context(), id, req.URL, req.Title)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, mediaView(m))
}

// addDatasheet godoc
// @Summary     Upload a datasheet PDF
// @Description A PDF (the type is read from the file's content) of at most 20 MiB. The title defaults to the file's name.
// @Tags        catalog
// @Accept      multipart/form-data
// @Produce     json
// @Security    BearerAuth
// @Param       id    path     string true  "product id"
// @Param       file  formData file   true  "the PDF"
// @Param       title formData string false "title (≤ 200 characters)"
// @Success     201 {object} MediaView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     413 {object} httpx.Problem
// @Failure     415 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/products/{id}/datasheets [post]
func (h *MediaHandler) addDatasheet(c echo.Context) error {
	id, err := productID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.CheckProduct(ctx, id); err != nil {
		return err
	}
	allowSlowUpload(c, 10*time.Minute)
	var (
		file     StagedFile
		filename string
		title    string
		count    int
	)
	err = eachPart(c, func(name string, p *multipart.Part) error {
		var err error
		switch name {
		case "file":
			if count++; count > 1 {
				return onceOnly(name)
			}
			filename = p.FileName()
			file, err = h.svc.StageDatasheet(ctx, p, filename)
		case "title":
			title, err = readText(name, p)
		default:
			err = unknownField(name)
		}
		return err
	})
	if err != nil {
		h.svc.Discard(ctx, file)
		return err
	}
	m, err := h.svc.AddDatasheet(ctx, id, file, title, filename) // deletes the staged file on error
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, mediaView(m))
}

// MediaPatchRequest changes a media item's text; leave a field out to keep it.
type MediaPatchRequest struct {
	Alt   *string `json:"alt" validate:"omitempty,max=300" extensions:"x-nullable"`
	Title *string `json:"title" validate:"omitempty,max=200" extensions:"x-nullable"`
} // @name catalog.MediaPatchRequest

// update godoc
// @Summary     Change a media item's alt text or title
// @Description alt applies to images, title to videos and datasheets.
// @Tags        catalog
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       id       path string            true "product id"
// @Param       media_id path string            true "media id"
// @Param       body     body MediaPatchRequest true "what changes"
// @Success     200 {object} MediaView
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/products/{id}/media/{media_id} [patch]
func (h *MediaHandler) update(c echo.Context) error {
	id, err := productID(c)
	if err != nil {
		return err
	}
	mediaID, err := uuid.Parse(c.Param("media_id"))
	if err != nil {
		return ErrMediaNotFound
	}
	var req MediaPatchRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	m, err := h.svc.Update(c.Request().Context(), id, mediaID, MediaPatch(req))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, mediaView(m))
}

// MediaOrderRequest lists media ids in their new order.
type MediaOrderRequest struct {
	IDs []uuid.UUID `json:"ids" validate:"required,min=1,max=50" swaggertype:"array,string"`
} // @name catalog.MediaOrderRequest

// reorder godoc
// @Summary     Reorder a product's media
// @Description The listed media take, in the order given, the positions they held between them; media not listed keep theirs. So the images alone can be reordered without naming the videos.
// @Tags        catalog
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       id   path string            true "product id"
// @Param       body body MediaOrderRequest true "media ids in their new order"
// @Success     200 {object} MediaList
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/products/{id}/media/order [put]
func (h *MediaHandler) reorder(c echo.Context) error {
	id, err := productID(c)
	if err != nil {
		return err
	}
	var req MediaOrderRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	ms, err := h.svc.Reorder(c.Request().Context(), id, req.IDs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, mediaList(ms))
}

// delete godoc
// @Summary  Delete a media item
// @Description Removes the item and its files (image with thumbnails, video with poster, PDF).
// @Tags     catalog
// @Security BearerAuth
// @Param    id       path string true "product id"
// @Param    media_id path string true "media id"
// @Success  204
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/products/{id}/media/{media_id} [delete]
func (h *MediaHandler) delete(c echo.Context) error {
	id, err := productID(c)
	if err != nil {
		return err
	}
	mediaID, err := uuid.Parse(c.Param("media_id"))
	if err != nil {
		return ErrMediaNotFound
	}
	if err := h.svc.Delete(c.Request().Context(), id, mediaID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

const uuidV4 = `[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`

// mediaKey matches exactly the keys MediaService writes; anything else is not a media file.
var mediaKey = regexp.MustCompile(`^(?:(?:img|vid)/` + uuidV4 + `(?:-160|-480|-1024|-poster)?\.(jpg|png|mp4|webm)|doc/` + uuidV4 + `/[a-z0-9]+(?:-[a-z0-9]+)*\.(pdf))$`)

var mediaTypes = map[string]string{"jpg": "image/jpeg", "png": "image/png", "mp4": "video/mp4", "webm": "video/webm", "pdf": "application/pdf"}

// serve godoc
// @Summary     A media file
// @Description Images, videos and datasheets by the key in their URL (as product views give them). Public: keys are random and appear only in product views the caller may see. Supports Range requests (video seeking) and conditional requests; cached for a year (a key never changes content).
// @Tags        catalog
// @Produce     image/jpeg,image/png,video/mp4,video/webm,application/pdf
// @Param       key path string true "media key, e.g. img/2f1c….jpg"
// @Success     200 {file} file
// @Success     206 {file} file
// @Failure     404 {object} httpx.Problem
// @Router      /media/{key} [get]
func (h *MediaHandler) serve(c echo.Context) error {
	key := c.Param("*")
	match := mediaKey.FindStringSubmatch(key)
	if match == nil {
		return ErrMediaNotFound
	}
	ext := match[1] + match[2]
	ctx := c.Request().Context()
	f, err := h.svc.Files().Open(ctx, key)
	if errors.Is(err, filestore.ErrNotFound) {
		return ErrMediaNotFound
	}
	if err != nil {
		return fmt.Errorf("open media %s: %w", key, err)
	}
	defer f.Close()
	res := c.Response()
	// Media are compressed already, and Range offsets refer to the stored bytes: answer past the
	// gzip middleware (which would otherwise compress ranges).
	if u, ok := res.Writer.(interface{ Unwrap() http.ResponseWriter }); ok {
		res.Writer = u.Unwrap()
	}
	allowSlowUpload(c, 30*time.Minute) // a long video to a slow phone
	hdr := res.Header()
	hdr.Set(echo.HeaderContentType, mediaTypes[ext])
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set(echo.HeaderCacheControl, "public, max-age=31536000, immutable")
	// Nothing served here may run as a page of ours, whatever a file turns out to contain.
	hdr.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hdr.Set("ETag", `"`+strings.NewReplacer("/", "_", ".", "_").Replace(key)+`"`)
	if ext == "pdf" {
		hdr.Set(echo.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": path.Base(key)}))
	}
	http.ServeContent(res, c.Request(), "", time.Time{}, f)
	return nil
}
