package kz.qagida.reference.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import kz.qagida.system.TestKeys;

@SpringBootTest
@AutoConfigureMockMvc
class ReferenceControllerTests {

    @Autowired
    MockMvc mvc;

    @Test
    void officesListTheMigrationServiceOfAlmatyWithItsPhones() throws Exception {
        mvc.perform(get("/api/v1/reference/offices").param("asOf", "2024-03-20").header(TestKeys.HEADER, TestKeys.CHECKER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").value("2024-03-20"))
                .andExpect(jsonPath("$.ruleset").value(Matchers.startsWith("sha256:")))
                .andExpect(jsonPath("$.offices.length()").value(11))
                .andExpect(jsonPath("$.offices[?(@.kind == 'MIGRATION_SERVICE' && @.address == 'ул. Карасай батыра, 109а')].phones[*]")
                        .value(Matchers.containsInAnyOrder("8 (7272) 54-42-05", "8 (7272) 98-50-57")))
                .andExpect(jsonPath("$.offices[?(@.kind == 'BORDER_SERVICE')].email").value(Matchers.contains("shekaraknbkz@yandex.kz")))
                .andExpect(jsonPath("$.offices[*].id").value(Matchers.everyItem(Matchers.is("RF-1"))))
                .andExpect(jsonPath("$.offices[*].source").value(Matchers.everyItem(Matchers.is("000_e7ecb9b3049f1eed.txt"))));
    }

    @Test
    void officesWithoutADateAreThoseOfToday() throws Exception {
        mvc.perform(get("/api/v1/reference/offices").header(TestKeys.HEADER, TestKeys.CHECKER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.offices.length()").value(11));
    }
}
