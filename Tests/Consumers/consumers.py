"""The sample portal read by the tools its users actually run.

Each check drives a real consumer on the built site and compares what the
consumer understood with catalog.json, the portal's own statement of every
field:

- CKAN 2.11 + ckanext-dcat 2.4: RDFParser with the euro_dcat_ap_3 and
  euro_dcat_ap_2 profiles on catalog.ttl, catalog.rdf and catalog.jsonld,
  field by field; and on every datasets/<slug>/dataset.ttl and .jsonld,
  which must say exactly what the catalogue says about that dataset.
- frictionless: `validate` on every Data Package of a copy of the site, with
  the network switched off in this process.
- datapackage-to-datasette: every package into SQLite; every tabular
  resource must become a table with its columns and all its rows.
- extruct: the schema.org Dataset of every dataset page.
- pandas: catalog.csv, catalog.zh-CN.csv and every hosted CSV.

Usage: consumers.py SITE WORK   (WORK: an empty scratch folder)
Prints one PASS/FAIL line per check, then "N passed, N failed".
"""

import csv
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import sys
import traceback

SITE, WORK = sys.argv[1], sys.argv[2]
# The same content built with a small build.dcat_page_size, so that the catalogue is also in pages.
PAGED_SITE = sys.argv[3]
results = []


def check(name):
    def wrap(fn):
        def run(*args):
            try:
                problems = fn(*args) or []
            except Exception as error:  # a consumer crashing is a failure, with its reason
                problems = ["%s: %s" % (type(error).__name__, error)] + traceback.format_exc().splitlines()[-6:-1]
            label = name(*args) if callable(name) else name
            results.append((label, problems))
            if problems:
                print("FAIL %s" % label)
                for line in problems[:12]:
                    print("    %s" % line)
                if len(problems) > 12:
                    print("    … %d more" % (len(problems) - 12))
            else:
                print("PASS %s" % label)
        return run
    return wrap


def site_path(*parts):
    return os.path.join(SITE, *parts)


with open(site_path("catalog.json"), encoding="utf-8") as fh:
    CATALOG = json.load(fh)
BASE = CATALOG["homepage"]
DATASETS = CATALOG["datasets"]
BY_ID = {d["id"]: d for d in DATASETS}

# CKAN's default licence register (ckan/model/license.py) by our SPDX ids:
# what a CKAN portal harvesting this one must end up with.
CKAN_LICENSE = {
    "CC-BY-4.0": "cc-by", "CC-BY-3.0": "cc-by", "CC-BY-SA-4.0": "cc-by-sa", "CC0-1.0": "cc-zero",
    "ODC-BY-1.0": "odc-by", "ODbL-1.0": "odc-odbl", "PDDL-1.0": "odc-pddl", "OGL-UK-3.0": "uk-ogl",
    "CC-BY-NC-4.0": "cc-nc",
}


def ckan_format(resource):
    """The format label CKAN's own format register gives the resource's media type."""
    from ckan.lib.helpers import resource_formats  # the register the parser normalizes with
    registry = resource_formats()
    label = registry[resource["media_type"]][1] if resource["media_type"] in registry else resource["format"].upper()
    if resource["format"].upper() == "CSV" and label != "CSV":
        raise AssertionError("CKAN's register does not call text/csv CSV: %r" % label)
    return label

ACCESS_RIGHT = {
    "open": "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
    "conditional": "http://publications.europa.eu/resource/authority/access-right/RESTRICTED",
}


def absolute_links(markdown):
    """Site-relative Markdown link targets as a harvester must receive them."""
    markdown = re.sub(r"\]\(/(?!/)", lambda m: "](" + BASE, markdown)
    return re.sub(r"(?m)^( {0,3}\[[^\]]+\]:[ \t]*)/(?!/)", lambda m: m.group(1) + BASE, markdown)


# CKAN's default locale is English (ckan.locale_default = en), and ckanext-dcat takes the
# literal in that language when a property has several: the @en title and description where
# the catalogue gives them (title_en, description_en), else the original.
def expected_title(dataset):
    return dataset.get("title_en") or dataset["title"]


def expected_notes(dataset):
    text = absolute_links(dataset.get("description_en") or dataset["description"]).strip()
    return text or expected_title(dataset)


# ---------------------------------------------------------------- CKAN


def ckan_parse(data, fmt, profile):
    from ckanext.dcat.processors import RDFParser
    parser = RDFParser(profiles=[profile])
    parser.parse(data, _format=fmt)
    return list(parser.datasets())


def extras(ckan_dataset):
    return {e["key"]: e["value"] for e in ckan_dataset.get("extras", [])}


def compare_ckan_dataset(got, want, profile):
    """Field-by-field differences between CKAN's dict and catalog.json."""
    problems = []
    ex = extras(got)

    def same(field, have, expected):
        if have != expected:
            problems.append("%s %s: CKAN has %r, catalog.json says %r" % (want["id"], field, have, expected))

    same("title", got.get("title"), expected_title(want))
    same("notes", got.get("notes"), expected_notes(want))
    same("url", got.get("url"), want["url"])
    same("tags", sorted(t["name"] for t in got.get("tags", [])), sorted(want["keywords"]))
    same("identifier", ex.get("identifier"), want["id"])
    same("issued", ex.get("issued"), want["issued"])
    same("modified", ex.get("modified"), want["modified"])
    same("license_id", got.get("license_id"), CKAN_LICENSE.get((want.get("license") or {}).get("id"), ""))
    same("access_rights", ex.get("access_rights"), ACCESS_RIGHT[want["open_type"]])
    same("publisher_name", ex.get("publisher_name"), want["organization"]["name"])
    contact = want.get("contact") or {}
    same("contact_name", ex.get("contact_name"), contact.get("name"))
    same("contact_email", ex.get("contact_email"), contact.get("email"))
    temporal = want.get("temporal") or {}
    same("temporal_start", ex.get("temporal_start"), temporal.get("start"))
    same("temporal_end", ex.get("temporal_end"), temporal.get("end"))
    spatial = want.get("spatial_coverage") or {}
    same("spatial_text", ex.get("spatial_text"), spatial.get("name", want.get("spatial")))
    same("spatial_uri", ex.get("spatial_uri"), spatial.get("uri"))
    if spatial.get("bbox"):
        same("spatial_bbox", json.loads(ex.get("spatial_bbox") or "null"), geojson_bbox(spatial["bbox"]))
        same("spatial_centroid", json.loads(ex.get("spatial_centroid") or "null"),
             {"type": "Point", "coordinates": spatial["centroid"]})
    themes = set(json.loads(ex.get("theme", "[]")))
    for theme in want["themes"]:
        if BASE + "themes/%s/#concept" % theme["slug"] not in themes:
            problems.append("%s theme %s missing from %s" % (want["id"], theme["slug"], sorted(themes)))

    resources = got.get("resources", [])
    same("resource count", len(resources), len(want["resources"]))
    for index, (have, resource) in enumerate(zip(resources, want["resources"])):
        where = "resource %d" % (index + 1)
        same(where + " name", have.get("name"), resource["name"])
        is_api = resource["format"].upper() == "API"
        # CKAN names a format after its media type (its resource_formats.json): an API answering JSON is JSON.
        same(where + " format", have.get("format"), ckan_format(resource))
        same(where + " mimetype", have.get("mimetype"), resource["media_type"])
        download = resource.get("download_url")
        same(where + " url", have.get("url"), download or want["url"])
        if resource.get("byte_size") is not None:
            same(where + " size", have.get("size"), resource["byte_size"])
            same(where + " hash", have.get("hash"), resource["sha256"])
        conforms = json.loads(have.get("conforms_to") or "[]")
        if resource.get("schema"):
            if want["datapackage"] not in conforms:
                problems.append("%s %s: conforms_to %r lacks the Data Package %s" % (want["id"], where, conforms, want["datapackage"]))
        if is_api:
            services = json.loads(have.get("access_services") or "[]")
            endpoints = [u for s in services for u in s.get("endpoint_url", [])]
            if download:
                # Open: a dcat:DataService with the endpoint. Conditional: no endpoint is ever published.
                if endpoints != [download]:
                    problems.append("%s %s: access service endpoints %r, want [%r]" % (want["id"], where, endpoints, download))
            elif services:
                problems.append("%s %s: a conditional API with a published access service %r" % (want["id"], where, services))
    return problems


def geojson_bbox(bbox):
    west, south, east, north = bbox
    return {"type": "Polygon", "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]]}


RDF_FILES = [("catalog.ttl", "turtle"), ("catalog.rdf", "xml"), ("catalog.jsonld", "json-ld")]
PROFILES = ["euro_dcat_ap_3", "euro_dcat_ap_2"]
PARSED = {}


@check(lambda f, fmt, profile: "ckanext-dcat RDFParser %s on %s: every dataset as catalog.json says" % (profile, f))
def check_ckan_catalog(filename, fmt, profile):
    with open(site_path(filename), encoding="utf-8") as fh:
        data = fh.read()
    parsed = ckan_parse(data, fmt, profile)
    by_id = {extras(d).get("identifier"): d for d in parsed}
    PARSED[(filename, profile)] = by_id
    problems = []
    if sorted(by_id) != sorted(BY_ID):
        problems.append("datasets: CKAN found %d, catalog.json has %d" % (len(by_id), len(BY_ID)))
    for identifier, want in BY_ID.items():
        if identifier in by_id:
            problems += compare_ckan_dataset(by_id[identifier], want, profile)
    return problems


@check("ckanext-dcat RDFParser euro_dcat_ap (the older DCAT-AP 1 profile) on catalog.ttl: temporal coverage")
def check_ckan_older_profile_temporal():
    with open(site_path("catalog.ttl"), encoding="utf-8") as fh:
        parsed = {extras(d).get("identifier"): extras(d) for d in ckan_parse(fh.read(), "turtle", "euro_dcat_ap")}
    problems = []
    for identifier, want in BY_ID.items():
        temporal = want.get("temporal") or {}
        got = parsed.get(identifier, {})
        for key in ("start", "end"):
            if got.get("temporal_" + key) != temporal.get(key):
                problems.append("%s temporal_%s: %r, want %r" % (identifier, key, got.get("temporal_" + key), temporal.get(key)))
    return problems


@check(lambda fmt, extension: "ckanext-dcat RDFParser follows hydra:next through catalog/page/*.%s and gets every dataset once" % extension)
def check_ckan_pages(fmt, extension):
    """What CKAN's RDF harvester does with a paged catalogue: parse a page, ask the parser for the next."""
    from ckanext.dcat.processors import RDFParser
    url, pages, identifiers = BASE + "catalog/page/1." + extension, 0, []
    while url and pages < 1000:
        if not url.startswith(BASE):
            return ["hydra:next points outside the site: %s" % url]
        with open(os.path.join(PAGED_SITE, url[len(BASE):]), encoding="utf-8") as fh:
            parser = RDFParser(profiles=["euro_dcat_ap_3"])
            parser.parse(fh.read(), _format=fmt)
        identifiers += [extras(d).get("identifier") for d in parser.datasets()]
        url, pages = parser.next_page(), pages + 1
    problems = []
    if pages < 2:
        problems.append("only %d page(s) read" % pages)
    if sorted(identifiers) != sorted(BY_ID):
        problems.append("pages gave %d datasets (%d distinct), catalog.json has %d" % (len(identifiers), len(set(identifiers)), len(BY_ID)))
    return problems


def comparable(ckan_dataset):
    """A parsed dataset without what depends on the parse (blank node ids)."""
    clean = json.loads(json.dumps(ckan_dataset, sort_keys=True))
    for resource in clean.get("resources", []):
        for key in ("distribution_ref",):
            resource.pop(key, None)
        if "access_services" in resource:
            services = json.loads(resource["access_services"])
            for service in services:
                service.pop("access_service_ref", None)
            resource["access_services"] = services
    clean["extras"] = sorted(clean.get("extras", []), key=lambda e: e["key"])
    return clean


@check(lambda fmt: "per-dataset RDF datasets/<slug>/dataset.%s: one dataset each, as the catalogue describes it" % fmt)
def check_per_dataset_rdf(extension):
    fmt = {"ttl": "turtle", "jsonld": "json-ld"}[extension]
    catalogue = PARSED.get(("catalog.ttl", "euro_dcat_ap_3"))
    if catalogue is None:
        return ["catalog.ttl was not parsed"]
    problems = []
    for want in DATASETS:
        path = site_path("datasets", want["slug"], "dataset." + extension)
        if not os.path.isfile(path):
            problems.append("%s: no file" % os.path.relpath(path, SITE))
            continue
        with open(path, encoding="utf-8") as fh:
            parsed = ckan_parse(fh.read(), fmt, "euro_dcat_ap_3")
        if len(parsed) != 1:
            problems.append("%s: %d datasets" % (want["slug"], len(parsed)))
            continue
        if comparable(parsed[0]) != comparable(catalogue[want["id"]]):
            one, other = comparable(parsed[0]), comparable(catalogue[want["id"]])
            keys = sorted(k for k in set(one) | set(other) if one.get(k) != other.get(k))
            problems.append("%s: differs from the catalogue in %s" % (want["slug"], ", ".join(keys)))
        page = open(site_path("datasets", want["slug"], "index.html"), encoding="utf-8").read()
        media = {"ttl": "text/turtle", "jsonld": "application/ld+json"}[extension]
        link = re.search(r'<link rel="alternate" type="%s"[^>]*href="([^"]*dataset\.%s)"' % (re.escape(media), extension), page)
        if not link:
            problems.append("%s: the page has no rel=alternate %s link to dataset.%s" % (want["slug"], media, extension))
    return problems


# ---------------------------------------------------------------- offline Data Packages


def switch_network_off():
    def refuse(*args, **kwargs):
        raise OSError("network access refused: a downloaded copy of the site must work offline")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


def package_paths(root):
    folder = os.path.join(root, "datasets")
    return sorted(os.path.join(folder, slug, "datapackage.json") for slug in os.listdir(folder)
                  if os.path.isfile(os.path.join(folder, slug, "datapackage.json")))


@check("frictionless validate on every Data Package of a downloaded copy, offline")
def check_frictionless(copy):
    import frictionless
    problems = []
    packages = package_paths(copy)
    if len(packages) != len(DATASETS):
        problems.append("%d packages for %d datasets" % (len(packages), len(DATASETS)))
    for path in packages:
        report = frictionless.validate(path)
        if not report.valid:
            for row in report.flatten(["type", "message"])[:3]:
                problems.append("%s: %s: %s" % (os.path.relpath(path, copy), row[0], row[1]))
    return problems


def tabular(resource):
    return (resource.get("format") or "").lower() in ("csv", "tsv")


@check("datapackage-to-datasette: every tabular resource becomes a SQLite table with its columns and rows")
def check_datasette(copy):
    import pandas
    from datapackage_to_datasette import datapackage_to_datasette
    problems = []
    loaded = 0
    for path in package_paths(copy):
        slug = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as fh:
            descriptor = json.load(fh)
        db = os.path.join(WORK, "sqlite", slug + ".db")
        os.makedirs(os.path.dirname(db), exist_ok=True)
        source = path
        if not all(tabular(r) or "data" in r for r in descriptor["resources"]):
            # The tool makes a table of every resource and cannot of a GeoJSON or PDF file
            # (docs/interoperability.md, "Known limits"): as its users must, give it the tables alone.
            tables = dict(descriptor, resources=[r for r in descriptor["resources"] if tabular(r)])
            if not tables["resources"]:
                continue
            source = os.path.join(os.path.dirname(path), "datapackage.tables.json")
            with open(source, "w", encoding="utf-8") as fh:
                json.dump(tables, fh, ensure_ascii=False)
        datapackage_to_datasette(db, source, os.path.join(WORK, "sqlite", slug + ".metadata.json"))
        connection = sqlite3.connect(db)
        try:
            for resource in descriptor["resources"]:
                if not tabular(resource):
                    continue
                table = resource["name"]
                columns = [row[1] for row in connection.execute('PRAGMA table_info("%s")' % table.replace('"', '""'))]
                names = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
                if not columns or columns != names:
                    problems.append("%s/%s: table columns %r, schema %r" % (slug, table, columns, names))
                    continue
                rows = connection.execute('SELECT COUNT(*) FROM "%s"' % table.replace('"', '""')).fetchone()[0]
                file = os.path.join(os.path.dirname(path), resource["path"])
                frame = pandas.read_csv(file, sep="\t" if resource["format"].lower() == "tsv" else ",", dtype=str,
                                        keep_default_na=False, encoding="utf-8-sig")
                if rows != len(frame):
                    problems.append("%s/%s: %d rows in SQLite, %d in the file" % (slug, table, rows, len(frame)))
                loaded += 1
        finally:
            connection.close()
    if loaded == 0:
        problems.append("no tabular resource was loaded at all")
    return problems


# ---------------------------------------------------------------- pages and spreadsheets


@check("extruct: every dataset page carries a schema.org Dataset that says what catalog.json says")
def check_extruct():
    import extruct
    problems = []
    for want in DATASETS:
        with open(site_path("datasets", want["slug"], "index.html"), encoding="utf-8") as fh:
            html = fh.read()
        data = extruct.extract(html, base_url=want["url"], syntaxes=["json-ld"], uniform=True)
        found = [item for item in data["json-ld"] if item.get("@type") == "Dataset"]
        if len(found) != 1:
            problems.append("%s: %d schema.org Datasets" % (want["slug"], len(found)))
            continue
        item = found[0]
        where = want["slug"]
        for field, expected in (("name", want["title"]), ("url", want["url"]), ("identifier", want["id"])):
            if item.get(field) != expected:
                problems.append("%s %s: %r, want %r" % (where, field, item.get(field), expected))
        description = item.get("description") or ""
        if len(description) < 50:
            problems.append("%s description: %d characters, Google needs 50" % (where, len(description)))
        license_url = (want.get("license") or {}).get("url")
        if item.get("license") != license_url:
            problems.append("%s license: %r, want %r" % (where, item.get("license"), license_url))
        free = want["open_type"] == "open"
        if item.get("isAccessibleForFree") is not free:
            problems.append("%s isAccessibleForFree: %r for an %s dataset" % (where, item.get("isAccessibleForFree"), want["open_type"]))
        if not free and not item.get("conditionsOfAccess"):
            problems.append("%s: a conditional dataset without conditionsOfAccess" % where)
        downloads = [d.get("contentUrl") for d in item.get("distribution", [])]
        expected_downloads = [r["download_url"] for r in want["resources"] if r.get("download_url") and r["format"].upper() != "API"]
        if downloads != expected_downloads:
            problems.append("%s distribution: %r, want %r" % (where, downloads, expected_downloads))
        apis = [r for r in want["resources"] if r["format"].upper() == "API" and r.get("download_url")]
        services = [s for s in _as_list(item.get("subjectOf")) if s.get("@type") == "WebAPI"]
        if len(services) != len(apis):
            problems.append("%s: %d WebAPI for %d API resources" % (where, len(services), len(apis)))
    return problems


def _as_list(value):
    return value if isinstance(value, list) else ([] if value is None else [value])


@check(lambda name, header: "pandas reads %s (BOM, CRLF) with one row per dataset" % name)
def check_catalog_csv(name, header):
    import pandas
    path = site_path(name)
    with open(path, "rb") as fh:
        raw = fh.read()
    problems = []
    if not raw.startswith(b"\xef\xbb\xbf"):
        problems.append("no UTF-8 byte order mark (Excel would misread the Chinese)")
    if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw.split(b"\r\n", 1)[0] + b"\r\n") is not None:
        problems.append("header line does not end in CRLF")
    frame = pandas.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    if list(frame.columns[:len(header)]) != header:
        problems.append("columns start %r, want %r" % (list(frame.columns[:len(header)]), header))
    if len(frame) != len(DATASETS):
        problems.append("%d rows, %d datasets" % (len(frame), len(DATASETS)))
    ids = list(frame[header[0]])
    if ids != [d["id"] for d in DATASETS]:
        problems.append("the identifiers are not catalog.json's, in its order")
    return problems


@check("pandas reads every hosted CSV with the columns its Data Package declares")
def check_hosted_csv():
    import pandas
    problems = []
    count = 0
    for path in package_paths(SITE):
        with open(path, encoding="utf-8") as fh:
            descriptor = json.load(fh)
        for resource in descriptor["resources"]:
            if (resource.get("format") or "").lower() != "csv":
                continue
            file = os.path.join(os.path.dirname(path), resource["path"])
            frame = pandas.read_csv(file, encoding="utf-8-sig")
            names = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
            if list(frame.columns) != names:
                problems.append("%s: columns %r, schema %r" % (os.path.relpath(file, SITE), list(frame.columns), names))
            count += 1
    if count == 0:
        problems.append("no hosted CSV found")
    return problems


# ---------------------------------------------------------------- run

for filename, fmt in RDF_FILES:
    for profile in PROFILES:
        check_ckan_catalog(filename, fmt, profile)
check_ckan_older_profile_temporal()
for fmt, extension in [("turtle", "ttl"), ("xml", "rdf"), ("json-ld", "jsonld")]:
    check_ckan_pages(fmt, extension)
check_per_dataset_rdf("ttl")
check_per_dataset_rdf("jsonld")
check_extruct()
check_catalog_csv("catalog.csv", ["id", "title", "description"])
check_catalog_csv("catalog.zh-CN.csv", ["信息资源代码", "信息资源名称", "信息资源摘要"])
check_hosted_csv()

copy = os.path.join(WORK, "downloaded-copy")
shutil.copytree(SITE, copy)
switch_network_off()
check_frictionless(copy)
check_datasette(copy)

failed = sum(1 for _, problems in results if problems)
print("%d passed, %d failed" % (len(results) - failed, failed))
sys.exit(1 if failed else 0)
