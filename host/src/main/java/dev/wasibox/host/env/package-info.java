/** What a guest reads about the world: its clocks and its source of random bytes. */
package dev.wasibox.host.env;
