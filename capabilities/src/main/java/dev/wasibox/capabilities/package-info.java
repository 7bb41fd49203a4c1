/**
 * The vocabulary every other wasibox module speaks: preview1 error numbers ({@link
 * dev.wasibox.capabilities.Errno}), rights ({@link dev.wasibox.capabilities.Rights}) and the file
 * descriptor table ({@link dev.wasibox.capabilities.FdTable}).
 */
package dev.wasibox.capabilities;
