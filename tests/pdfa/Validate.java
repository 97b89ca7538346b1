// PDF/A-2b check of every PDF given (files or folders, recursively) with the veraPDF engine.
// Run through tests/pdfa/validate.sh, which fetches the engine; it is a test tool, never shipped.
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

public class Validate {
    static void collect(File f, List<File> out) {
        if (f.isDirectory()) {
            File[] children = f.listFiles();
            if (children != null) for (File c : children) collect(c, out);
        } else if (f.getName().toLowerCase().endsWith(".pdf")) {
            out.add(f);
        }
    }

    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.fromString("2b");
        List<File> files = new ArrayList<>();
        for (String a : args) collect(new File(a), files);
        int failed = 0;
        try (PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            for (File f : files) {
                try (PDFAParser parser = Foundries.defaultInstance().createParser(f, flavour)) {
                    ValidationResult result = validator.validate(parser);
                    if (result.isCompliant()) {
                        System.out.println("PASS " + f);
                    } else {
                        failed++;
                        TreeSet<String> rules = new TreeSet<>();
                        for (TestAssertion t : result.getTestAssertions()) {
                            if (t.getStatus() == TestAssertion.Status.FAILED) {
                                rules.add(t.getRuleId().getClause() + "-" + t.getRuleId().getTestNumber() + " " + t.getMessage());
                            }
                        }
                        System.out.println("FAIL " + f + ": " + String.join("; ", rules));
                    }
                } catch (Exception e) {
                    failed++;
                    System.out.println("FAIL " + f + ": cannot be parsed: " + e);
                }
            }
        }
        System.out.println(files.size() + " PDFs, " + (files.size() - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 && !files.isEmpty() ? 0 : 1);
    }
}
