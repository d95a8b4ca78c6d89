"""The small core every data kind builds on: languages, localized text, YAML with lines, errors,
validation, one record loader, documents and the rendering environment. It imports nothing else of ours."""
