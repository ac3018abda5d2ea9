package kz.qagida.facts.input;

/** Passport types of seed 000's visa table: D diplomatic, S service, N ordinary. */
public enum PassportType {
    ORDINARY("N"), DIPLOMATIC("D"), SERVICE("S");

    private final String letter;

    PassportType(String letter) {
        this.letter = letter;
    }

    public String letter() {
        return letter;
    }
}
