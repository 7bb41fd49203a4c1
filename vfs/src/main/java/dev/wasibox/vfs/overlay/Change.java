package dev.wasibox.vfs.overlay;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.wasibox.vfs.FileType;
import dev.wasibox.vfs.Node;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One difference between an overlay and its lower layer, as {@link OverlayVolume#changes()}
 * reports it for an exporter.
 *
 * <ul>
 *   <li>{@link Kind#ADDED}: the lower layer has nothing at this path; write {@link #node()}.
 *   <li>{@link Kind#MODIFIED}: the lower layer has something at this path and the upper layer
 *       replaces it: a copied-up file or symlink (content or times may differ; the overlay does
 *       not compare), a new node of another type, or an opaque directory, whose lower content is
 *       gone (remove it, then apply the changes under this path, which are all {@code ADDED}).
 *   <li>{@link Kind#DELETED}: a whiteout; the lower entry at this path (of {@link #type()}) and
 *       everything under it is gone. {@link #node()} is null.
 * </ul>
 *
 * <p>A directory copied up from the lower layer (to hold a change inside it) is not a change
 * itself; its changed entries are.
 *
 * @param names the path from the overlay root, one component per element (never empty; no
 *     element contains {@code /}, so {@link #path()} is unambiguous)
 * @param kind what happened at that path
 * @param type the type of the overlay node, or for {@code DELETED} of the deleted lower node
 *     ({@link FileType#UNKNOWN} if the lower layer no longer has it)
 * @param node the overlay node to read the new content from; null for {@code DELETED}
 */
public record Change(List<String> names, Kind kind, FileType type, @Nullable Node node) {
  /** What happened at a path. */
  public enum Kind {
    ADDED,
    MODIFIED,
    DELETED
  }

  public Change {
    // The walker's paths share their parents' components (ChangePath); anything else is copied.
    names = names instanceof ChangePath ? names : ImmutableList.copyOf(names);
    checkArgument(!names.isEmpty(), "a change has a path");
    checkNotNull(kind);
    checkNotNull(type);
    checkArgument((node == null) == (kind == Kind.DELETED), "only a deletion has no node");
  }

  /** The path from the overlay root, components joined with {@code /}. */
  public String path() {
    return String.join("/", names);
  }
}
