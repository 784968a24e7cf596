package dev.ferry.registry.core;

import dev.ferry.registry.store.Contexts;
import dev.ferry.registry.store.RegistryState;
import dev.ferry.registry.store.StoreKey;
import dev.ferry.registry.store.StoreValue;
import dev.ferry.registry.store.StoreWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Soft and permanent deletes of versions and subjects, with Confluent's rules: a permanent delete needs a soft
 * delete first; nothing still referenced by another schema may be deleted (42206); a subject left without
 * versions loses its own config and mode too. A soft delete rewrites the version with {@code deleted: true}
 * (or, for a whole subject, writes one DELETE_SUBJECT record); a permanent delete writes tombstones.
 */
public final class SchemaDeletion {
    private final RegistryState state;
    private final StoreWriter writer;
    private final WriteGate gate;
    private final ScopedSettings settings;

    SchemaDeletion(RegistryState state, StoreWriter writer, WriteGate gate, ScopedSettings settings) {
        this.state = state;
        this.writer = writer;
        this.gate = gate;
        this.settings = settings;
    }

    /** Deletes one version; returns its number. */
    public int deleteVersion(String subject, VersionId versionId, boolean permanent) {
        return gate.run(() -> {
            requireWritable(subject);
            if (!state.hasSubject(subject)) {
                throw RegistryException.subjectNotFound(subject);
            }
            StoreValue.Schema target = resolve(subject, versionId, permanent);
            if (!permanent && target.deleted()) {
                throw new RegistryException(ErrorCode.VERSION_SOFT_DELETED, "Subject '" + subject + "' version "
                        + target.version() + " was soft deleted already. Add ?permanent=true to delete it for good.");
            }
            if (permanent && !target.deleted()) {
                throw new RegistryException(ErrorCode.VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' version "
                        + target.version() + " must be soft deleted before it is permanently deleted. Delete it "
                        + "without ?permanent=true first.");
            }
            List<Integer> referrers = state.referencedBy(subject, target.version(), permanent);
            if (!referrers.isEmpty()) {
                throw referenced(subject, target.version(), referrers);
            }
            if (permanent) {
                writer.write(new StoreKey.Schema(subject, target.version()), null);
                forgetSettingsIfEmpty(subject);
            } else {
                writer.write(new StoreKey.Schema(subject, target.version()), target.withDeleted(true));
            }
            return target.version();
        });
    }

    /** Deletes every version of a subject; returns the version numbers deleted, ascending. */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return gate.run(() -> {
            requireWritable(subject);
            if (!state.hasSubject(subject)) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<StoreValue.Schema> live = state.versions(subject, false, false);
            if (!permanent && live.isEmpty()) {
                throw new RegistryException(ErrorCode.SUBJECT_SOFT_DELETED, "Subject '" + subject + "' was soft "
                        + "deleted already. Add ?permanent=true to delete it for good.");
            }
            if (permanent && !live.isEmpty()) {
                throw new RegistryException(ErrorCode.SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject + "' must be "
                        + "soft deleted before it is permanently deleted. Delete it without ?permanent=true first.");
            }
            List<StoreValue.Schema> targets = permanent ? state.versions(subject, true, false) : live;
            for (StoreValue.Schema target : targets) {
                List<Integer> referrers = new ArrayList<>();
                for (Integer id : state.referencedBy(subject, target.version(), permanent)) {
                    boolean fromOwnSubject = state.versionsOf(Contexts.of(subject), id, true)
                            .stream().allMatch(sv -> sv.subject().equals(subject));
                    if (!fromOwnSubject) {
                        referrers.add(id);
                    }
                }
                if (!referrers.isEmpty()) {
                    throw referenced(subject, target.version(), referrers);
                }
            }
            List<Integer> versions = targets.stream().map(StoreValue.Schema::version).toList();
            if (permanent) {
                for (int i = targets.size() - 1; i >= 0; i--) {
                    writer.write(new StoreKey.Schema(subject, targets.get(i).version()), null);
                }
                forgetSettingsIfEmpty(subject);
            } else {
                int upTo = versions.get(versions.size() - 1);
                writer.write(new StoreKey.DeleteSubject(subject), new StoreValue.DeleteSubject(subject, upTo));
            }
            return versions;
        });
    }

    private StoreValue.Schema resolve(String subject, VersionId versionId, boolean permanent) {
        if (versionId.latest()) {
            List<StoreValue.Schema> versions = state.versions(subject, permanent, false);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            return versions.get(versions.size() - 1);
        }
        StoreValue.Schema target = state.version(subject, versionId.number());
        if (target == null) {
            throw RegistryException.versionNotFound(subject, versionId.toString());
        }
        return target;
    }

    private void requireWritable(String subject) {
        Mode mode = settings.modeInScope(subject);
        if (mode.readOnly()) {
            throw new RegistryException(ErrorCode.OPERATION_NOT_PERMITTED, "Subject '" + subject + "' is in " + mode
                    + " mode, which refuses deletes. Set the mode to READWRITE with PUT /mode/" + subject + ".");
        }
    }

    private void forgetSettingsIfEmpty(String subject) {
        if (state.hasSubject(subject)) {
            return;
        }
        if (state.mode(subject) != null) {
            writer.write(new StoreKey.Mode(subject), null);
        }
        if (state.config(subject) != null) {
            writer.write(new StoreKey.Config(subject), null);
        }
    }

    private static RegistryException referenced(String subject, int version, List<Integer> referrers) {
        return new RegistryException(ErrorCode.REFERENCE_EXISTS, "Subject '" + subject + "' version " + version
                + " is referenced by schema id(s) " + referrers + "; delete those schemas first.");
    }
}
