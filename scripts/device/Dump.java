import dev.afd.engine.internal.parquet.ParquetTable;
import java.nio.file.Path;
public class Dump {
  public static void main(String[] a) throws Exception {
    ParquetTable t = ParquetTable.read(Path.of(a[0]));
    System.out.println(t);
    System.out.println(String.join(",", t.columnNames()));
    int n = t.rowCount();
    java.util.List<String> cols = t.columnNames();
    try (var out = new java.io.PrintWriter(a[1])) {
      out.println(String.join(",", cols));
      Object[] data = new Object[cols.size()];
      for (int c = 0; c < cols.size(); c++) {
        String name = cols.get(c);
        try { data[c] = t.strings(name); } catch (RuntimeException e1) {
          try { data[c] = t.doubles(name); } catch (RuntimeException e2) { data[c] = t.longs(name); } }
      }
      for (int r = 0; r < n; r++) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols.size(); c++) {
          if (c > 0) sb.append(',');
          Object d = data[c];
          if (d instanceof String[] s) sb.append(s[r]); else if (d instanceof double[] x) sb.append(x[r]); else sb.append(((long[]) d)[r]);
        }
        out.println(sb);
      }
    }
  }
}
