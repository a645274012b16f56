package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/pricing"
)

// demoCategories and demoProducts make a small hardware shop: 6 categories and 48 products,
// some for consumers only, some for businesses only (bulk packs with minimums and pack sizes).
var demoCategories = []struct{ slug, name string }{
	{"power-tools", "Power tools"}, {"hand-tools", "Hand tools"}, {"safety", "Safety equipment"},
	{"electrical", "Electrical"}, {"plumbing", "Plumbing"}, {"garden", "Garden"},
}

type demoItem struct {
	category, name string
	price          int64 // cents
	specs          [][4]string
}

var demoItems = []demoItem{
	{"power-tools", "Cordless drill 18V", 8999, [][4]string{{"Electrical", "Voltage", "18", "V"}, {"Performance", "Torque", "60", "Nm"}}},
	{"power-tools", "Impact driver 18V", 10999, [][4]string{{"Electrical", "Voltage", "18", "V"}, {"Performance", "Torque", "180", "Nm"}}},
	{"power-tools", "Circular saw 1400W", 12999, [][4]string{{"Electrical", "Power", "1400", "W"}, {"Blade", "Diameter", "190", "mm"}}},
	{"power-tools", "Angle grinder 900W", 5999, [][4]string{{"Electrical", "Power", "900", "W"}, {"Disc", "Diameter", "125", "mm"}}},
	{"power-tools", "Random orbit sander", 6999, [][4]string{{"Electrical", "Power", "300", "W"}, {"Pad", "Diameter", "125", "mm"}}},
	{"power-tools", "Jigsaw 650W", 7499, [][4]string{{"Electrical", "Power", "650", "W"}, {"Cutting", "Depth in wood", "85", "mm"}}},
	{"power-tools", "Rotary hammer SDS-plus", 18999, [][4]string{{"Electrical", "Power", "800", "W"}, {"Performance", "Impact energy", "2.7", "J"}}},
	{"power-tools", "Heat gun 2000W", 3999, [][4]string{{"Electrical", "Power", "2000", "W"}, {"Performance", "Max temperature", "600", "°C"}}},
	{"hand-tools", "Claw hammer 16oz", 1999, [][4]string{{"Build", "Head weight", "450", "g"}, {"Build", "Handle", "Fibreglass", ""}}},
	{"hand-tools", "Screwdriver set 12 pieces", 2499, [][4]string{{"Contents", "Pieces", "12", ""}, {"Build", "Tips", "Chrome vanadium", ""}}},
	{"hand-tools", "Adjustable wrench 10in", 1799, [][4]string{{"Build", "Length", "250", "mm"}, {"Build", "Max opening", "30", "mm"}}},
	{"hand-tools", "Tape measure 8m", 1299, [][4]string{{"Build", "Length", "8", "m"}, {"Build", "Blade width", "25", "mm"}}},
	{"hand-tools", "Spirit level 120cm", 3499, [][4]string{{"Build", "Length", "120", "cm"}, {"Accuracy", "Tolerance", "0.5", "mm/m"}}},
	{"hand-tools", "Utility knife", 899, [][4]string{{"Build", "Blade", "Snap-off 18", "mm"}}},
	{"hand-tools", "Socket set 1/2in 24 pieces", 5999, [][4]string{{"Contents", "Pieces", "24", ""}, {"Build", "Drive", "1/2", "in"}}},
	{"hand-tools", "Pliers set 3 pieces", 2999, [][4]string{{"Contents", "Pieces", "3", ""}}},
	{"safety", "Safety glasses clear", 599, [][4]string{{"Standard", "Norm", "EN 166", ""}}},
	{"safety", "Work gloves nitrile", 499, [][4]string{{"Standard", "Norm", "EN 388", ""}, {"Fit", "Size", "9", ""}}},
	{"safety", "Ear defenders 30dB", 1999, [][4]string{{"Protection", "SNR", "30", "dB"}}},
	{"safety", "Dust mask FFP2 (10)", 1499, [][4]string{{"Standard", "Class", "FFP2", ""}, {"Contents", "Masks", "10", ""}}},
	{"safety", "Hard hat white", 1299, [][4]string{{"Standard", "Norm", "EN 397", ""}}},
	{"safety", "High-visibility vest", 699, [][4]string{{"Standard", "Class", "2", ""}}},
	{"safety", "Safety boots S3", 7999, [][4]string{{"Standard", "Class", "S3", ""}, {"Fit", "Size", "43", "EU"}}},
	{"safety", "First aid kit workplace", 3999, [][4]string{{"Contents", "Items", "120", ""}}},
	{"electrical", "Extension reel 25m", 4999, [][4]string{{"Electrical", "Rating", "3680", "W"}, {"Cable", "Length", "25", "m"}}},
	{"electrical", "LED work light 50W", 3499, [][4]string{{"Light", "Output", "5000", "lm"}, {"Electrical", "Power", "50", "W"}}},
	{"electrical", "Multimeter digital", 2999, [][4]string{{"Measurement", "DC voltage", "600", "V"}, {"Safety", "Category", "CAT III", ""}}},
	{"electrical", "Cable ties 300mm (100)", 599, [][4]string{{"Size", "Length", "300", "mm"}, {"Contents", "Ties", "100", ""}}},
	{"electrical", "Wire stripper automatic", 1999, [][4]string{{"Range", "Wire", "0.2–6", "mm²"}}},
	{"electrical", "Socket outlet double", 899, [][4]string{{"Electrical", "Rating", "16", "A"}}},
	{"electrical", "Installation cable 3x1.5 (100m)", 8999, [][4]string{{"Cable", "Cross-section", "1.5", "mm²"}, {"Cable", "Length", "100", "m"}}},
	{"electrical", "Circuit breaker B16", 699, [][4]string{{"Electrical", "Rating", "16", "A"}, {"Electrical", "Curve", "B", ""}}},
	{"plumbing", "Pipe wrench 14in", 2799, [][4]string{{"Build", "Length", "350", "mm"}}},
	{"plumbing", "PTFE tape (10 rolls)", 799, [][4]string{{"Size", "Width", "12", "mm"}, {"Contents", "Rolls", "10", ""}}},
	{"plumbing", "Copper pipe 15mm 3m", 1499, [][4]string{{"Size", "Diameter", "15", "mm"}, {"Size", "Length", "3", "m"}}},
	{"plumbing", "Push-fit elbow 15mm (10)", 1299, [][4]string{{"Size", "Diameter", "15", "mm"}, {"Contents", "Fittings", "10", ""}}},
	{"plumbing", "Pipe cutter 3-28mm", 1899, [][4]string{{"Range", "Pipe", "3–28", "mm"}}},
	{"plumbing", "Sink plunger", 999, [][4]string{{"Build", "Cup", "Rubber", ""}}},
	{"plumbing", "Silicone sealant clear", 699, [][4]string{{"Contents", "Volume", "310", "ml"}}},
	{"plumbing", "Drain snake 5m", 1999, [][4]string{{"Size", "Length", "5", "m"}}},
	{"garden", "Garden hose 30m", 3999, [][4]string{{"Size", "Length", "30", "m"}, {"Size", "Diameter", "13", "mm"}}},
	{"garden", "Pruning shears", 1899, [][4]string{{"Cutting", "Max branch", "20", "mm"}}},
	{"garden", "Cordless hedge trimmer", 9999, [][4]string{{"Electrical", "Voltage", "18", "V"}, {"Blade", "Length", "50", "cm"}}},
	{"garden", "Wheelbarrow 90L", 6999, [][4]string{{"Size", "Volume", "90", "L"}}},
	{"garden", "Leaf rake", 1499, [][4]string{{"Size", "Width", "60", "cm"}}},
	{"garden", "Lawn mower electric 1600W", 14999, [][4]string{{"Electrical", "Power", "1600", "W"}, {"Cutting", "Width", "38", "cm"}}},
	{"garden", "Watering can 10L", 1299, [][4]string{{"Size", "Volume", "10", "L"}}},
	{"garden", "Garden gloves", 699, [][4]string{{"Fit", "Size", "8", ""}}},
}

// seedCatalog creates the demo catalog unless its SKUs exist. Every 4th product is for
// businesses only (a bulk pack: minimum 10, packs of 5), every 5th for consumers only.
func (a *App) seedCatalog(ctx context.Context) error {
	cats := map[string]uuid.UUID{}
	for i, c := range demoCategories {
		existing, err := a.Catalog.CategoryBySlug(ctx, c.slug)
		if err == nil {
			cats[c.slug] = existing.ID
			continue
		}
		if !errors.Is(err, catalog.ErrCategoryNotFound) {
			return err
		}
		created, err := a.Catalog.CreateCategory(ctx, c.name, c.slug, nil, i)
		if err != nil {
			return fmt.Errorf("seed category %s: %w", c.slug, err)
		}
		cats[c.slug] = created.ID
	}
	for i, it := range demoItems {
		sku := fmt.Sprintf("%s-%03d", strings.ToUpper(it.category[:3]), i+1)
		in := catalog.ProductInput{SKU: sku, Name: it.name, CategoryID: ptr(cats[it.category]), Status: catalog.Active, Audience: catalog.Both,
			PriceAmount: it.price, Currency: "USD", StockOnHand: 20 + (i*37)%180,
			Description: fmt.Sprintf("%s for workshop and site. Sturdy, tested, and backed by our two-year warranty.", it.name)}
		switch {
		case i%4 == 3:
			in.Audience, in.Name, in.MinOrderQty, in.OrderMultiple = catalog.B2B, it.name+" (trade pack)", 10, 5
			in.PriceAmount = it.price * 85 / 100
		case i%5 == 4:
			in.Audience = catalog.B2C
		}
		if i%11 == 10 {
			in.StockOnHand = 0
		}
		if _, err := a.Catalog.Product(ctx, catalog.Viewer{Staff: true}, catalog.Slugify(in.Name)); err == nil {
			continue // seeded before
		}
		for _, s := range it.specs {
			in.Specs = append(in.Specs, catalog.Spec{Group: s[0], Name: s[1], Value: s[2], Unit: s[3]})
		}
		if _, err := a.Catalog.CreateProduct(ctx, in); err != nil {
			return fmt.Errorf("seed product %s: %w", sku, err)
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// seedGroupsAndCatalogs puts the demo business customer in a "trade" group and creates two
// catalogs valid from the start of this month for six months: a trade catalog for that group
// (all business products, some at a catalog price) and a garden catalog for everyone.
func (a *App) seedGroupsAndCatalogs(ctx context.Context) error {
	groups, err := a.Groups.List(ctx)
	if err != nil {
		return err
	}
	var trade uuid.UUID
	for _, g := range groups {
		if g.Code == "trade" {
			trade = g.ID
		}
	}
	if trade == uuid.Nil {
		g, err := a.Groups.Create(ctx, "trade", "Trade customers", "Approved business buyers: trade catalog and price list")
		if err != nil {
			return fmt.Errorf("seed customer group: %w", err)
		}
		trade = g.ID
	}
	if _, err := a.Groups.AddMember(ctx, trade, "purchasing@northwind.example.com"); err != nil {
		return fmt.Errorf("seed group member: %w", err)
	}
	now := a.clock().UTC()
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 6, 0)
	all, err := a.Catalog.Browse(ctx, catalog.Viewer{Staff: true}, catalog.Query{Sort: catalog.SortNewest, Limit: 1000})
	if err != nil {
		return err
	}
	existing, err := a.Catalog.Catalogs(ctx, catalog.Viewer{Staff: true})
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, c := range existing {
		have[c.Slug] = true
	}
	var tradeItems, gardenItems []catalog.CatalogProduct
	for i, p := range all {
		if p.Category == nil || !strings.HasPrefix(p.SKU, strings.ToUpper(p.Category.Slug[:3])+"-") {
			continue // only the demo's own products
		}
		if p.Audience == catalog.B2B {
			item := catalog.CatalogProduct{ProductID: p.ID}
			if i%2 == 0 {
				item.PriceAmount = ptr(p.PriceAmount * 95 / 100)
			}
			tradeItems = append(tradeItems, item)
		}
		if p.Category.Slug == "garden" && p.Audience != catalog.B2B {
			gardenItems = append(gardenItems, catalog.CatalogProduct{ProductID: p.ID})
		}
	}
	nw, err := a.Customers.ForLogin(ctx, "purchasing@northwind.example.com")
	if err != nil {
		return fmt.Errorf("seed pricing: %w", err)
	}
	garden, err := a.Catalog.CategoryBySlug(ctx, "garden")
	if err != nil {
		return fmt.Errorf("seed pricing: %w", err)
	}
	if err := a.Pricing.SeedDemo(ctx, pricing.DemoIDs{TradeGroup: trade, BusinessCustomer: nw.ID, Products: all, OfferCategory: garden.ID}); err != nil {
		return fmt.Errorf("seed pricing: %w", err)
	}
	var demo []catalog.Product
	for _, p := range all {
		if p.Category != nil && strings.HasPrefix(p.SKU, strings.ToUpper(p.Category.Slug[:3])+"-") {
			demo = append(demo, p)
		}
	}
	slices.SortFunc(demo, func(x, y catalog.Product) int { return strings.Compare(x.SKU, y.SKU) })
	if !a.skipDemoMedia {
		if err := a.Media.SeedDemoImages(ctx, demo); err != nil {
			return fmt.Errorf("seed media: %w", err)
		}
	}
	for _, c := range []catalog.CatalogInput{
		{Name: "Trade catalog", Slug: "trade-catalog", Audience: catalog.B2B, Groups: []uuid.UUID{trade}, Products: tradeItems,
			Description: "Bulk packs for trade customers, with catalog prices on selected lines."},
		{Name: "Garden season", Slug: "garden-season", Audience: catalog.Both, Products: gardenItems,
			Description: "Everything for the garden this season."},
	} {
		if have[c.Slug] {
			continue
		}
		c.ValidFrom, c.ValidTo, c.Active = &from, &to, true
		if _, err := a.Catalog.SaveCatalog(ctx, nil, 0, c); err != nil {
			return fmt.Errorf("seed catalog %s: %w", c.Slug, err)
		}
	}
	return nil
}
