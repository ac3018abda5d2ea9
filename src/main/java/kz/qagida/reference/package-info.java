/** Reference data the rules root carries beside the law: migration offices and hotlines (RF-1). */
package kz.qagida.reference;
