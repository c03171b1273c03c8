#!/usr/bin/env python3
"""Ports a selection of Python feedparser's public test suite into Tests/Fixtures/feedparser/.

feedparser (https://github.com/kurtmckee/feedparser, BSD-2-Clause) keeps its cases as data: each XML file under
tests/wellformed/ and tests/illformed/ has a comment with `Description:` and `Expect:` (a Python expression over the
parsed result), and tests/test_date_parsers.py lists (parser, input, expected time tuple) rows. This script
reads a checkout of that repository (a commit of your choosing) and writes:

  Tests/Fixtures/feedparser/cases/<dir>/<file>.xml   the selected case files, byte for byte
  Tests/Fixtures/feedparser/expectations.jsonl      one line per entry-field expectation (see FIELDS)
  Tests/Fixtures/feedparser/dates.jsonl             the RFC 822 and ISO 8601 / W3C-DTF date-parser rows

Only expectations Vigía has a field for are kept: entry title, id, link, author (name, email, "name (email)"),
content (content/summary/description, compared as plain text) and date (published/updated/created).

usage: port.py FEEDPARSER_CHECKOUT VIGIA_ROOT
"""
import ast, calendar, json, os, re, shutil, sys

DIRECTORIES = ['wellformed/atom', 'wellformed/atom10', 'wellformed/rss', 'wellformed/rdf', 'wellformed/base',
               'wellformed/cdf', 'wellformed/namespace', 'wellformed/node_precedence', 'wellformed/amp',
               'illformed']
# feedparser result path (after entries[0]) -> Vigía field
FIELDS = {
    ('title',): 'title', ('title_detail', 'value'): 'title',
    ('id',): 'id',
    ('link',): 'link',
    ('author',): 'author', ('author_detail', 'name'): 'author_name', ('author_detail', 'email'): 'author_email',
    ('content', 0, 'value'): 'content', ('summary',): 'content', ('summary_detail', 'value'): 'content',
    ('description',): 'content',
    ('published_parsed',): 'date', ('updated_parsed',): 'date', ('created_parsed',): 'date',
}
DOCUMENT_URL = 'http://127.0.0.1:8097/tests/{}'  # where feedparser's own test server serves each case


def path_of(node):
    """entries[0]['a'][0]['b'] -> ('a', 0, 'b'); None for anything else."""
    keys = []
    while isinstance(node, ast.Subscript):
        keys.append(ast.literal_eval(node.slice))
        node = node.value
    if not (isinstance(node, ast.Name) and node.id == 'entries') or not keys or keys[-1] != 0:
        return None
    return tuple(reversed(keys[:-1]))


def expectations(expect):
    tree = ast.parse(expect, mode='eval')
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq):
            path = path_of(node.left)
            if path in FIELDS:
                try:
                    value = ast.literal_eval(node.comparators[0])
                except ValueError:
                    continue
                yield FIELDS[path], value


def utc(value):
    if isinstance(value, tuple):
        return '%04d-%02d-%02dT%02d:%02d:%02dZ' % value[:6]
    return value


def port_cases(checkout, out):
    rows = []
    for directory in DIRECTORIES:
        folder = os.path.join(checkout, 'tests', directory)
        for name in sorted(os.listdir(folder)):
            if not name.endswith('.xml'):
                continue
            text = open(os.path.join(folder, name), 'rb').read().decode('utf-8', 'replace')
            match = re.search(r'Expect:\s*(.*)', text)
            if not match:
                continue
            headers = dict((k.lower(), v.strip()) for k, v in re.findall(r'Header:\s*([\w-]+):\s*(.*)', text))
            found = list(expectations(match.group(1).strip()))
            if not found:
                continue
            relative = f'{directory}/{name}'
            os.makedirs(os.path.join(out, 'cases', directory), exist_ok=True)
            shutil.copyfile(os.path.join(folder, name), os.path.join(out, 'cases', relative))
            for field, value in found:
                rows.append({'case': relative, 'field': field, 'expected': utc(value),
                             'url': DOCUMENT_URL.format(relative) if name.startswith('http') else None,
                             'content_location': headers.get('content-location'),
                             'content_type': headers.get('content-type')})
    with open(os.path.join(out, 'expectations.jsonl'), 'w') as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + '\n')
    return rows


def port_dates(checkout, out):
    source = open(os.path.join(checkout, 'tests', 'test_date_parsers.py')).read()
    rows = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Tuple) and len(node.elts) == 3 and isinstance(node.elts[0], ast.Name):
            parser = node.elts[0].id
            kind = {'_parse_date_rfc822': 'rfc822', '_parse_date_w3dtf': 'iso8601',
                    '_parse_date_iso8601': 'iso8601'}.get(parser)
            if kind is None:
                continue
            text, expected = ast.literal_eval(node.elts[1]), ast.literal_eval(node.elts[2])
            if text == '':
                continue
            rows.append({'parser': parser.replace('_parse_date_', ''), 'kind': kind, 'text': text,
                         'expected': utc(expected) if expected else None})
    with open(os.path.join(out, 'dates.jsonl'), 'w') as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + '\n')
    return rows


def main():
    checkout, root = sys.argv[1], sys.argv[2]
    out = os.path.join(root, 'Tests', 'Fixtures', 'feedparser')
    shutil.rmtree(os.path.join(out, 'cases'), ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    rows = port_cases(checkout, out)
    dates = port_dates(checkout, out)
    counts = {}
    for row in rows:
        counts[row['field']] = counts.get(row['field'], 0) + 1
    print(f'{len({r["case"] for r in rows})} cases, {len(rows)} expectations {counts}; {len(dates)} date rows')


if __name__ == '__main__':
    main()
