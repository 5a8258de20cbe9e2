#include "modules/demo/data.hpp"

#include <array>

namespace bo::modules::demo {
namespace {

using inventory::ItemKind;

constexpr std::array departments{
    DemoDepartment{"EXEC", "Executive"},
    DemoDepartment{"FIN", "Finance"},
    DemoDepartment{"SALES", "Sales"},
    DemoDepartment{"WH", "Warehouse"},
    DemoDepartment{"CS", "Customer Service"},
    DemoDepartment{"HR", "Human Resources"},
    DemoDepartment{"IT", "Information Technology"},
    DemoDepartment{"PUR", "Purchasing"},
};

// Names from many languages on purpose: they prove that text round-trips on both backends.
constexpr std::array employees{
    DemoEmployee{
        "Margaret", "Chen", "margaret.chen", "EXEC", "Chief Executive Officer", "2012-03-01"},
    DemoEmployee{
        "David", "Okafor", "david.okafor", "EXEC", "Chief Operating Officer", "2013-06-17"},
    DemoEmployee{"Zoë", "Müller", "zoe.mueller", "FIN", "Chief Financial Officer", "2014-01-06"},
    DemoEmployee{"José", "Álvarez", "jose.alvarez", "FIN", "Controller", "2016-09-12"},
    DemoEmployee{"Priya", "Raman", "priya.raman", "FIN", "Senior Accountant", "2018-04-02"},
    DemoEmployee{
        "Thomas", "Becker", "thomas.becker", "FIN", "Accounts Payable Clerk", "2019-11-18"},
    DemoEmployee{"Aisha", "Bello", "aisha.bello", "FIN", "Accounts Receivable Clerk", "2020-02-03"},
    DemoEmployee{"Kenji", "Watanabe", "kenji.watanabe", "FIN", "Payroll Specialist", "2021-05-10"},
    DemoEmployee{"Sarah", "Johnson", "sarah.johnson", "SALES", "VP of Sales", "2013-10-01"},
    DemoEmployee{
        "Łukasz", "Kowalski", "lukasz.kowalski", "SALES", "Account Executive", "2017-03-20"},
    DemoEmployee{"Emily", "Carter", "emily.carter", "SALES", "Account Executive", "2018-08-27"},
    DemoEmployee{"Mateo", "García", "mateo.garcia", "SALES", "Sales Representative", "2019-01-14"},
    DemoEmployee{"Chloé", "Dubois", "chloe.dubois", "SALES", "Sales Representative", "2020-06-01"},
    DemoEmployee{"Ravi", "Patel", "ravi.patel", "SALES", "Order Clerk", "2021-09-06"},
    DemoEmployee{"Olivia", "Brown", "olivia.brown", "SALES", "Billing Clerk", "2022-01-10"},
    DemoEmployee{"Michael", "O'Brien", "michael.obrien", "WH", "Warehouse Manager", "2014-07-07"},
    DemoEmployee{"Björn", "Svensson", "bjorn.svensson", "WH", "Shift Supervisor", "2016-02-15"},
    DemoEmployee{"Carlos", "Mendoza", "carlos.mendoza", "WH", "Forklift Operator", "2018-05-21"},
    DemoEmployee{"Thảo", "Nguyễn", "thao.nguyen", "WH", "Picker", "2019-10-07"},
    DemoEmployee{"Samuel", "Adeyemi", "samuel.adeyemi", "WH", "Picker", "2021-03-15"},
    DemoEmployee{"Hannah", "Schmidt", "hannah.schmidt", "WH", "Inventory Controller", "2020-11-02"},
    DemoEmployee{"Jamal", "Washington", "jamal.washington", "WH", "Shipping Clerk", "2022-04-25"},
    DemoEmployee{"Linda", "Park", "linda.park", "CS", "Customer Service Manager", "2015-05-04"},
    DemoEmployee{"Siobhán", "Murphy", "siobhan.murphy", "CS", "Support Agent", "2018-09-10"},
    DemoEmployee{"Ahmed", "Hassan", "ahmed.hassan", "CS", "Support Agent", "2020-01-20"},
    DemoEmployee{"Ingrid", "Larsen", "ingrid.larsen", "CS", "Support Agent", "2022-06-13"},
    DemoEmployee{"Robert", "Miller", "robert.miller", "HR", "HR Director", "2014-03-03"},
    DemoEmployee{"Ayşe", "Yılmaz", "ayse.yilmaz", "HR", "HR Generalist", "2019-07-08"},
    DemoEmployee{"Grace", "Kim", "grace.kim", "HR", "Recruiter", "2021-10-18"},
    DemoEmployee{"Daniel", "Lee", "daniel.lee", "IT", "IT Manager", "2015-08-24"},
    DemoEmployee{"Søren", "Nielsen", "soren.nielsen", "IT", "Systems Administrator", "2017-11-06"},
    DemoEmployee{"Fatima", "Zahra", "fatima.zahra", "IT", "Help Desk Technician", "2020-09-14"},
    DemoEmployee{"Wei", "Zhang", "wei.zhang", "IT", "Software Developer", "2021-02-01"},
    DemoEmployee{"美咲", "佐藤", "misaki.sato", "IT", "Data Analyst", "2023-04-03"},
    DemoEmployee{"Patricia", "Gómez", "patricia.gomez", "PUR", "Purchasing Manager", "2016-04-11"},
    DemoEmployee{"François", "Lefèvre", "francois.lefevre", "PUR", "Buyer", "2018-12-03"},
    DemoEmployee{"Nikolai", "Petrov", "nikolai.petrov", "PUR", "Buyer", "2020-08-17"},
    DemoEmployee{"Olga", "Ivanova", "olga.ivanova", "PUR", "Purchasing Clerk", "2022-10-24"},
    DemoEmployee{"James", "Wilson", "james.wilson", "EXEC", "Executive Assistant", "2019-05-13"},
    DemoEmployee{"Ana", "Silva", "ana.silva", "FIN", "Internal Auditor", "2023-01-09"},
};

constexpr std::array customers{
    DemoCustomer{"Acme Hardware Co.", "acme-hardware.example", "Chicago", "US"},
    DemoCustomer{"Blue Ridge Outfitters", "blueridge.example", "Asheville", "US"},
    DemoCustomer{"Cascade Office Supply", "cascade-office.example", "Seattle", "US"},
    DemoCustomer{"Desert Sun Landscaping", "desertsun.example", "Phoenix", "US"},
    DemoCustomer{"Evergreen Facilities LLC", "evergreen-fm.example", "Portland", "US"},
    DemoCustomer{"Frontier Building Supply", "frontier-bs.example", "Denver", "US"},
    DemoCustomer{"Gulf Coast Marine", "gulfcoast.example", "Houston", "US"},
    DemoCustomer{"Harborview Hotels", "harborview.example", "Boston", "US"},
    DemoCustomer{"Ironwood Construction", "ironwood.example", "Dallas", "US"},
    DemoCustomer{"Juniper Health Clinics", "juniper-health.example", "San Diego", "US"},
    DemoCustomer{"Keystone Schools District", "keystone-k12.example", "Pittsburgh", "US"},
    DemoCustomer{"Lakeside Restaurants Group", "lakeside.example", "Minneapolis", "US"},
    DemoCustomer{"Magnolia Property Management", "magnolia-pm.example", "Atlanta", "US"},
    DemoCustomer{"Northstar Logistics", "northstar.example", "Columbus", "US"},
    DemoCustomer{"Oakridge Dental Partners", "oakridge-dental.example", "Nashville", "US"},
    DemoCustomer{"Pinecrest Apartments", "pinecrest.example", "Raleigh", "US"},
    DemoCustomer{"Quarry Stone Works", "quarrystone.example", "Salt Lake City", "US"},
    DemoCustomer{"Redwood Events", "redwood-events.example", "San Francisco", "US"},
    DemoCustomer{"Summit Fitness Centers", "summitfit.example", "Boulder", "US"},
    DemoCustomer{"Tidewater Shipping", "tidewater.example", "Norfolk", "US"},
    DemoCustomer{"Union Street Bakery", "unionbakery.example", "Philadelphia", "US"},
    DemoCustomer{"Valley Farm Co-op", "valleyfarm.example", "Fresno", "US"},
    DemoCustomer{"Westfield Auto Repair", "westfield-auto.example", "Detroit", "US"},
    DemoCustomer{"Yellowstone Lodging", "yellowstone-lodging.example", "Bozeman", "US"},
    DemoCustomer{"Zenith Labs Inc.", "zenithlabs.example", "Austin", "US"},
    DemoCustomer{"Brightline Print Shop", "brightline.example", "Miami", "US"},
    DemoCustomer{"Copper Kettle Catering", "copperkettle.example", "Kansas City", "US"},
    DemoCustomer{"Granite State Electric", "granite-electric.example", "Manchester", "US"},
    DemoCustomer{"Hudson Valley Vineyards", "hudson-vineyards.example", "Kingston", "US"},
    DemoCustomer{"Liberty Plumbing & Heating", "libertyph.example", "Newark", "US"},
    DemoCustomer{"Maple Leaf Distribution", "mapleleaf.example", "Toronto", "CA"},
    DemoCustomer{"Pacific Rim Traders", "pacificrim.example", "Vancouver", "CA"},
    DemoCustomer{"Café Olé SARL", "cafe-ole.example", "Lyon", "FR"},
    DemoCustomer{"Müller & Söhne GmbH", "mueller-soehne.example", "München", "DE"},
    DemoCustomer{"Nordlicht Handels AG", "nordlicht.example", "Hamburg", "DE"},
    DemoCustomer{"Van der Berg Installatie B.V.", "vdberg.example", "Rotterdam", "NL"},
    DemoCustomer{"Ferretti Costruzioni S.p.A.", "ferretti.example", "Milano", "IT"},
    DemoCustomer{"Construcciones Ibéricas S.L.", "ibericas.example", "Sevilla", "ES"},
    DemoCustomer{"Łódź Textile Sp. z o.o.", "lodz-textile.example", "Łódź", "PL"},
    DemoCustomer{"Île-de-France Hôtellerie", "idf-hotellerie.example", "Paris", "FR"},
    DemoCustomer{"Thames Facilities Ltd", "thames-fm.example", "London", "GB"},
    DemoCustomer{"Highland Outdoor Ltd", "highland-outdoor.example", "Inverness", "GB"},
    DemoCustomer{"Mersey Engineering plc", "mersey-eng.example", "Liverpool", "GB"},
    DemoCustomer{"Cardiff Bay Marine Ltd", "cardiffbay.example", "Cardiff", "GB"},
    DemoCustomer{"Sunrise Medical Supplies", "sunrise-med.example", "Orlando", "US"},
    DemoCustomer{"Silver Creek Mining", "silvercreek.example", "Reno", "US"},
    DemoCustomer{"Prairie Wind Energy", "prairiewind.example", "Omaha", "US"},
    DemoCustomer{"Coastal Cold Storage", "coastalcold.example", "Charleston", "US"},
    DemoCustomer{"Riverbend Brewing Co.", "riverbend.example", "Milwaukee", "US"},
    DemoCustomer{"Sakura Trading K.K.", "sakura-trading.example", "Osaka", "JP"},
};

// Prices in cents (USD). Services come last.
constexpr std::array items{
    DemoItem{"PAP-A4-80", "Copy paper A4 80 g/m², 5 reams", "box", ItemKind::stocked, 2899},
    DemoItem{"PAP-LTR-20", "Copy paper Letter 20 lb, 10 reams", "box", ItemKind::stocked, 5499},
    DemoItem{"PAP-CARD-A4", "Card stock A4 250 g/m², 250 sheets", "box", ItemKind::stocked, 3450},
    DemoItem{"ENV-DL-500", "Envelopes DL, self-seal, 500", "box", ItemKind::stocked, 3125},
    DemoItem{"ENV-C4-250", "Envelopes C4, window, 250", "box", ItemKind::stocked, 4290},
    DemoItem{"PEN-BLU-50", "Ballpoint pens, blue, 50", "box", ItemKind::stocked, 1475},
    DemoItem{"PEN-BLK-50", "Ballpoint pens, black, 50", "box", ItemKind::stocked, 1475},
    DemoItem{"MRK-WB-12", "Whiteboard markers, assorted, 12", "box", ItemKind::stocked, 1650},
    DemoItem{"NTB-A5-10", "Notebooks A5, ruled, 10", "box", ItemKind::stocked, 2200},
    DemoItem{"STP-STD-5K", "Staples 26/6, 5000", "box", ItemKind::stocked, 399},
    DemoItem{"STPL-DESK", "Desk stapler, full strip", "ea", ItemKind::stocked, 1895},
    DemoItem{"FLD-MAN-100", "Manila folders, letter, 100", "box", ItemKind::stocked, 1999},
    DemoItem{"BND-2IN", "Ring binder 2 in, black", "ea", ItemKind::stocked, 649},
    DemoItem{"LBL-SHIP-500", "Shipping labels 4x6 in, 500", "box", ItemKind::stocked, 2750},
    DemoItem{"TAPE-PKG-36", "Packing tape 48 mm x 100 m, 36 rolls", "box", ItemKind::stocked, 8940},
    DemoItem{"BOX-S-25", "Shipping boxes small 12x9x6 in, 25", "box", ItemKind::stocked, 3125},
    DemoItem{"BOX-M-25", "Shipping boxes medium 18x14x12 in, 25", "box", ItemKind::stocked, 4875},
    DemoItem{"BOX-L-20", "Shipping boxes large 24x18x18 in, 20", "box", ItemKind::stocked, 6390},
    DemoItem{"WRAP-BUB-1", "Bubble wrap roll 12 in x 175 ft", "ea", ItemKind::stocked, 2899},
    DemoItem{"PLT-WOOD", "Wooden pallet 48x40 in", "ea", ItemKind::stocked, 1450},
    DemoItem{"STRETCH-18", "Stretch film 18 in x 1500 ft", "ea", ItemKind::stocked, 2399},
    DemoItem{"GLV-NIT-M", "Nitrile gloves, medium, 100", "box", ItemKind::stocked, 1299},
    DemoItem{"GLV-NIT-L", "Nitrile gloves, large, 100", "box", ItemKind::stocked, 1299},
    DemoItem{"GLV-WORK-12", "Leather work gloves, 12 pairs", "box", ItemKind::stocked, 8400},
    DemoItem{"VEST-HV-L", "High-visibility vest, large", "ea", ItemKind::stocked, 899},
    DemoItem{"HELM-SAFE", "Safety helmet, white", "ea", ItemKind::stocked, 1995},
    DemoItem{"GOGG-CLR", "Safety goggles, clear", "ea", ItemKind::stocked, 745},
    DemoItem{"EAR-PLUG-200", "Foam ear plugs, 200 pairs", "box", ItemKind::stocked, 3290},
    DemoItem{"FAK-25", "First aid kit, 25 person", "ea", ItemKind::stocked, 4950},
    DemoItem{"EXT-ABC-5", "Fire extinguisher ABC 5 lb", "ea", ItemKind::stocked, 5499},
    DemoItem{"CLN-ALL-4", "All-purpose cleaner 1 gal, 4", "box", ItemKind::stocked, 3680},
    DemoItem{"CLN-GLS-12", "Glass cleaner 32 oz, 12", "box", ItemKind::stocked, 4140},
    DemoItem{"TWL-PAPER-12", "Paper towels, 12 rolls", "box", ItemKind::stocked, 2599},
    DemoItem{"TP-96", "Toilet tissue 2-ply, 96 rolls", "box", ItemKind::stocked, 7450},
    DemoItem{"BAG-TRASH-250", "Trash bags 33 gal, 250", "box", ItemKind::stocked, 3875},
    DemoItem{"SOAP-HAND-4", "Hand soap refill 1 L, 4", "box", ItemKind::stocked, 2960},
    DemoItem{"SANI-WIPE-6", "Disinfecting wipes, 6 canisters", "box", ItemKind::stocked, 3199},
    DemoItem{"MOP-HEAD", "Microfiber mop head", "ea", ItemKind::stocked, 1150},
    DemoItem{"COF-BEAN-1", "Coffee beans, medium roast", "kg", ItemKind::stocked, 2250},
    DemoItem{"COF-DECAF-1", "Coffee beans, decaf", "kg", ItemKind::stocked, 2490},
    DemoItem{"TEA-BLK-100", "Black tea bags, 100", "box", ItemKind::stocked, 899},
    DemoItem{"SUGAR-1", "Cane sugar", "kg", ItemKind::stocked, 349},
    DemoItem{"CUP-PAPER-1K", "Paper cups 12 oz, 1000", "box", ItemKind::stocked, 8990},
    DemoItem{"WATER-24", "Spring water 500 ml, 24 bottles", "box", ItemKind::stocked, 799},
    DemoItem{"SALT-ICE-20", "Ice melt salt", "kg", ItemKind::stocked, 125},
    DemoItem{"SAND-PLAY-25", "Washed sand", "kg", ItemKind::stocked, 45},
    DemoItem{"BOLT-M8-100", "Hex bolts M8x40 zinc, 100", "box", ItemKind::stocked, 1890},
    DemoItem{"NUT-M8-100", "Hex nuts M8 zinc, 100", "box", ItemKind::stocked, 690},
    DemoItem{"SCR-WOOD-500", "Wood screws #8 x 1.5 in, 500", "box", ItemKind::stocked, 2475},
    DemoItem{"ANCH-DRY-100", "Drywall anchors, 100", "box", ItemKind::stocked, 1290},
    DemoItem{"NAIL-COMMON", "Common nails 3 in", "kg", ItemKind::stocked, 599},
    DemoItem{
        "DRL-CORDLESS", "Cordless drill 18 V with 2 batteries", "ea", ItemKind::stocked, 14900},
    DemoItem{"DRL-BITS-29", "Drill bit set HSS, 29 pieces", "ea", ItemKind::stocked, 3999},
    DemoItem{"HAM-16OZ", "Claw hammer 16 oz", "ea", ItemKind::stocked, 1899},
    DemoItem{"TAPE-MEAS-25", "Tape measure 25 ft", "ea", ItemKind::stocked, 1299},
    DemoItem{"LVL-24", "Spirit level 24 in", "ea", ItemKind::stocked, 2450},
    DemoItem{"LAD-6FT", "Step ladder 6 ft fiberglass", "ea", ItemKind::stocked, 12900},
    DemoItem{"EXT-CORD-50", "Extension cord 50 ft 12/3", "ea", ItemKind::stocked, 5490},
    DemoItem{"LED-A19-24", "LED bulbs A19 9 W, 24", "box", ItemKind::stocked, 5999},
    DemoItem{"LED-TUBE-10", "LED tubes T8 4 ft, 10", "box", ItemKind::stocked, 8950},
    DemoItem{"BAT-AA-48", "Alkaline batteries AA, 48", "box", ItemKind::stocked, 2699},
    DemoItem{"BAT-AAA-48", "Alkaline batteries AAA, 48", "box", ItemKind::stocked, 2699},
    DemoItem{"CBL-USBC-2M", "USB-C cable 2 m", "ea", ItemKind::stocked, 1299},
    DemoItem{"CBL-CAT6-305", "Cat 6 cable 305 m reel", "ea", ItemKind::stocked, 15900},
    DemoItem{"KB-USB-US", "USB keyboard, US layout", "ea", ItemKind::stocked, 2499},
    DemoItem{"MS-WL", "Wireless mouse", "ea", ItemKind::stocked, 1999},
    DemoItem{"MON-24", "Monitor 24 in IPS 1080p", "ea", ItemKind::stocked, 17900},
    DemoItem{"HDS-USB", "USB headset with microphone", "ea", ItemKind::stocked, 4450},
    DemoItem{"CHR-TASK", "Task chair, mesh back", "ea", ItemKind::stocked, 18900},
    DemoItem{"DSK-STAND", "Standing desk 60x30 in", "ea", ItemKind::stocked, 44900},
    DemoItem{"SVC-DELIVERY", "Local delivery", "ea", ItemKind::service, 4500},
    DemoItem{"SVC-RUSH", "Rush order handling", "ea", ItemKind::service, 2500},
    DemoItem{"SVC-INSTALL", "Installation labour", "h", ItemKind::service, 8500},
    DemoItem{"SVC-ASSEMBLY", "Furniture assembly", "h", ItemKind::service, 6500},
    DemoItem{"SVC-CLEAN", "Office cleaning", "h", ItemKind::service, 4200},
    DemoItem{"SVC-IT-SETUP", "Workstation setup", "ea", ItemKind::service, 9500},
    DemoItem{"SVC-CONSULT", "Consulting", "h", ItemKind::service, 15000},
    DemoItem{"SVC-TRAIN", "On-site training, half day", "ea", ItemKind::service, 60000},
    DemoItem{"SVC-RESTOCK", "Restocking fee", "ea", ItemKind::service, 1500},
    DemoItem{"SVC-WARRANTY", "Extended warranty, 1 year", "ea", ItemKind::service, 4900},
};

constexpr std::array vendors{
    DemoVendor{"Great Lakes Paper Mills", "glpaper.example", "Green Bay", "US", 30},
    DemoVendor{"Continental Packaging Corp.", "contpack.example", "Memphis", "US", 45},
    DemoVendor{"SafeGuard Industrial Supply", "safeguard.example", "Cleveland", "US", 30},
    DemoVendor{"CleanPro Distributors", "cleanpro.example", "Louisville", "US", 30},
    DemoVendor{"Mountain Roasters Coffee", "mtnroasters.example", "Boise", "US", 15},
    DemoVendor{"Allied Fasteners Inc.", "alliedfast.example", "Toledo", "US", 60},
    DemoVendor{"ToolMasters Wholesale", "toolmasters.example", "Charlotte", "US", 45},
    DemoVendor{"BrightWay Lighting", "brightway.example", "Tampa", "US", 30},
    DemoVendor{"Circuit City Electronics Supply", "ccesupply.example", "San Jose", "US", 30},
    DemoVendor{"Ergo Office Furniture", "ergooffice.example", "Grand Rapids", "US", 60},
    DemoVendor{"Midwest Freight Lines", "mwfreight.example", "Indianapolis", "US", 15},
    DemoVendor{"Metro Utilities", "metroutil.example", "New York", "US", 20},
    DemoVendor{"Sterling Insurance Group", "sterling-ins.example", "Hartford", "US", 30},
    DemoVendor{"CloudStack Hosting", "cloudstack.example", "Ashburn", "US", 30},
    DemoVendor{"Kraftwerk Werkzeuge GmbH", "kraftwerk.example", "Stuttgart", "DE", 30},
    DemoVendor{"Papeterie Lumière SA", "lumiere.example", "Bordeaux", "FR", 45},
    DemoVendor{"Britannia Safety Ltd", "britannia-safety.example", "Leeds", "GB", 30},
    DemoVendor{"Oficinas Modernas S.A.", "oficinas.example", "Madrid", "ES", 60},
    DemoVendor{"Shenzhen Bright Electronics Co.", "szbright.example", "Shenzhen", "CN", 30},
    DemoVendor{"Northern Timber Products", "northtimber.example", "Winnipeg", "CA", 45},
};

}  // namespace

std::span<const DemoDepartment> demo_departments() {
    return departments;
}

std::span<const DemoEmployee> demo_employees() {
    return employees;
}

std::span<const DemoCustomer> demo_customers() {
    return customers;
}

std::span<const DemoItem> demo_items() {
    return items;
}

std::span<const DemoVendor> demo_vendors() {
    return vendors;
}

}  // namespace bo::modules::demo
