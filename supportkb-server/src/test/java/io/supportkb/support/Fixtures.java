package io.supportkb.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Files built in memory for upload tests: real PDFs and DOCX files, and hostile ones. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] pdf(String... lines) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                for (String line : lines) {
                    content.showText(line);
                    content.newLineAtOffset(0, -16);
                }
                content.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    public static byte[] docx(String... paragraphs) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** A DOCX whose single paragraph inflates to {@code chars} characters: a zip bomb in a real container. */
    public static byte[] docxBomb(int chars) throws IOException {
        return docx("a".repeat(chars));
    }

    /** A plain zip archive (not an accepted format). */
    public static byte[] zip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("payload.bin"));
            zip.write(new byte[1_000_000]);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** HTML with elements nested {@code depth} deep. */
    public static byte[] deeplyNestedHtml(int depth) {
        return ("<html><head><title>Deep</title></head><body>" + "<blockquote>".repeat(depth) + "bottom"
                + "</blockquote>".repeat(depth) + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] email(String subject, String body) {
        return ("From: Ann Agent <ann@example.com>\r\nTo: bob@example.com\r\nSubject: " + subject
                + "\r\nDate: Tue, 1 Oct 2024 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
