package io.contactdesk.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * SPEC rule 17: the data files are readable by their owner only. Where the file system has POSIX
 * permissions, the data directory is rwx------ and the files in it rw-------; elsewhere (Windows)
 * the directory keeps the access list it inherits.
 */
final class DataFiles {

  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private DataFiles() {}

  /** Makes the directory if need be, then restricts it and the files in it to the owner. */
  static void ownerOnly(Path dir) throws IOException {
    boolean posix = posix(dir.toAbsolutePath().getParent());
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } else {
        Files.createDirectories(dir);
      }
    }
    if (!posix(dir)) {
      return;
    }
    Files.setPosixFilePermissions(dir, DIRECTORY);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
          Files.setPosixFilePermissions(file, FILE);
        }
      }
    }
  }

  private static boolean posix(Path path) throws IOException {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null
        && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
  }
}
