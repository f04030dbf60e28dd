"""A Word file edited as an administrator would in Word: text of its body replaced."""
import io
import zipfile


def edited(docx: bytes, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                assert old.encode() in data, old
                data = data.replace(old.encode(), new.encode())
            dst.writestr(item, data)
    return out.getvalue()
