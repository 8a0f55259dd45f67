/* version.h - the beatsim version, printed by --version and written into
 * every manifest. */
#ifndef VERSION_H
#define VERSION_H

#define BEATSIM_VERSION "0.1.0"

#endif /* VERSION_H */
