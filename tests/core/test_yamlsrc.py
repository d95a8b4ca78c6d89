from ncp_site.core.yamlsrc import load_yaml, parse_yaml


def test_lines_of_keys_and_items():
    doc, errors = parse_yaml("a: 1\nb:\n  c: x\n  d:\n    - 1\n    - 2\n", "f.yml")
    assert errors == []
    assert doc.line(("b", "c")) == 3
    assert doc.line(("b", "d", 1)) == 6
    assert doc.line(("b", "missing")) == 2


def test_dates_are_kept_as_written():
    doc, _ = parse_yaml("d: 2022-02-30\n", "f.yml")
    assert doc.data == {"d": "2022-02-30"}


def test_duplicate_key_is_an_error():
    _, errors = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yml")
    assert [str(e) for e in errors] == ["f.yml:3: a: is written twice (first on line 1) -- keep one of the two entries"]


def test_byte_order_mark_and_missing_file(tmp_path):
    path = tmp_path / "bom.yml"
    path.write_bytes("\ufeffa: қ\n".encode("utf-8"))
    doc, errors = load_yaml(path, tmp_path)
    assert doc.data == {"a": "қ"} and errors == []
    doc, errors = load_yaml(tmp_path / "none.yml", tmp_path)
    assert doc is None and "none.yml:1: (file): does not exist" in str(errors[0])


def test_invalid_utf8(tmp_path):
    path = tmp_path / "latin.yml"
    path.write_bytes("a: \xe9\n".encode("latin-1"))
    _, errors = load_yaml(path, tmp_path)
    assert "is not valid UTF-8" in str(errors[0])
