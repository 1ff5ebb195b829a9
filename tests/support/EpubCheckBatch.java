// Runs EPUBCheck's own command-line checker on many books in ONE JVM, so the
// JVM start and EPUBCheck's schema loading are paid once, not once per book.
//
//   javac -cp epubcheck.jar -d CLASSES EpubCheckBatch.java
//   java -cp epubcheck.jar:CLASSES EpubCheckBatch OUT_DIR BOOK...
// (checkers.py compiles it once into .cache/checkers/; `java -cp epubcheck.jar
// EpubCheckBatch.java OUT_DIR BOOK...` runs it from source too.)
//
// For the i-th BOOK it writes OUT_DIR/<i>.json (EPUBCheck's --json report) and
// OUT_DIR/<i>.rc (the exit code its command line would have returned).
import com.adobe.epubcheck.tool.EpubChecker;
import java.nio.file.Files;
import java.nio.file.Path;

public class EpubCheckBatch {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            String json = out.resolve(i - 1 + ".json").toString();
            int rc = new EpubChecker().run(new String[] {args[i], "--json", json, "--quiet"});
            Files.writeString(out.resolve(i - 1 + ".rc"), Integer.toString(rc));
        }
    }
}
