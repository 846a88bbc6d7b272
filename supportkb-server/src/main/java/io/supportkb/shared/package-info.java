/**
 * Shared kernel: identifiers, value types and node-wide settings used by every module. No behaviour, no I/O.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.supportkb.shared;
